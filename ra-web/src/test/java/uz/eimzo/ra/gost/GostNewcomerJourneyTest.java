package uz.eimzo.ra.gost;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.gost.UzDstPublicKey;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A newcomer's first certificate with the launcher's defaults, nothing configured: an individual registered in a
 * centre with four eyes, approved, issued with a server-made key, downloaded as DS….pfx, revoked, and listed on the
 * next full CRL. Every step is GOST-UZ: the key, the certificate's and the CRL's signatures. (The GOST-signed OCSP
 * answer of the same default deployment is checked where the responder runs: the launcher's test.)
 */
class GostNewcomerJourneyTest extends GostRaTestBase {

    private static final String CA = "demo-gost-issuing";

    @Autowired
    CrlIssuer crls;

    private MockHttpServletRequestBuilder individual(Actor registrar, String pinfl) {
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                .param("surname", "Karimova").param("givenName", "Dilnoza").param("birthDate", "1990-03-15")
                .param("sex", "M").param("pinfl", pinfl).param("documentType", "PASSPORT")
                .param("documentNumber", "AD1234567").param("phone", "+998 90 123 45 67").param("representative", "false");
        return request;
    }

    @Test
    void registerApproveIssueDownloadRevokeAndCrlAreAllGostUz() throws Exception {
        long centre = operators.centre(true);
        Actor registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        Actor supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        String location = mvc.perform(individual(registrar, Operators.pinfl())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(post(location + "/approve").with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        String requestPage = mvc.perform(get(location).with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(requestPage).as("all three key options; the browser's key is made by the GOST-UZ module, never WebCrypto's P-256")
                .contains("value=\"CSR\"", "value=\"SERVER_KEY\"", "value=\"BROWSER_KEY\"", "/js/gost-uz.js", "/js/gost-browser-key.js")
                .doesNotContain("/js/browser-key.js");
        MockHttpSession session = new MockHttpSession();
        String issued = mvc.perform(post(location + "/issue").param("keyOption", "SERVER_KEY").session(session)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        char[] password = issued.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1").toCharArray();
        byte[] pfx = mvc.perform(get(location + "/pfx").session(session).with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        KeyStore file = KeyStore.getInstance("PKCS12");
        file.load(new ByteArrayInputStream(pfx), password);
        String alias = file.aliases().nextElement();
        assertThat(file.getKey(alias, password)).isInstanceOf(UzDstPrivateKey.class);
        X509Certificate certificate = (X509Certificate) file.getCertificate(alias);
        X509Certificate issuing = ca.authoritiesDirectory().require(CA).certificate();
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        certificate.verify(issuing.getPublicKey());
        assertThat(file.getCertificateChain(alias)).hasSize(3);

        mvc.perform(post("/certificates/" + CA + "/" + certificate.getSerialNumber().toString(16) + "/revoke")
                        .param("reason", "KEY_COMPROMISE").param("confirm", "true").with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        crls.issueFull(CA, "test");

        X509CRL crl = CrlEncoder.parse(crls.latest(CA, false).orElseThrow());
        assertThat(crl.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        crl.verify(issuing.getPublicKey());
        assertThat(crl.getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
    }

    @Test
    void aBrowserMadeP256KeyIsRefusedUnderTheGostUzCaAndTheRequestStaysIssuable() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        String location = mvc.perform(individual(registrar, Operators.pinfl())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();

        var refused = mvc.perform(post(location + "/issue").param("keyOption", "BROWSER_KEY")
                        .param("csrText", Csrs.pem(KeyAlgorithm.EC_P256.generate(new SecureRandom())))
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(String.valueOf(refused.getFlashMap().get("error")))
                .contains("Bu markaz faqat GOST-UZ kalitlari bilan ishlaydi, brauzerda esa P-256 kalit yaratildi");
        assertThat(jdbc.sql("select status from certificate_request where id = ?")
                .param(Long.parseLong(location.replace("/requests/", ""))).query(String.class).single()).isEqualTo("SUBMITTED");
    }

    @Test
    void aRequestForA2024FamilyKeyIsCertifiedByTheDefaultCaKeepingItsKeyOid() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        String location = mvc.perform(individual(registrar, Operators.pinfl())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        String csr = GostChallenges.csr2024(KeyAlgorithm.GOST_UZ.generate(new SecureRandom()));

        String certificatePage = mvc.perform(post(location + "/issue").param("keyOption", "CSR").param("csrText", csr)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        assertThat(certificatePage).startsWith("/certificates/" + CA + "/");
        byte[] pem = mvc.perform(get(certificatePage + "/download").param("format", "pem").with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        X509Certificate certificate = Certificates.parse(java.util.Base64.getMimeDecoder().decode(
                new String(pem, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")));
        assertThat(((UzDstPublicKey) certificate.getPublicKey()).keyOid()).isEqualTo(UzDst.KEY_2024_OID);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        certificate.verify(ca.authoritiesDirectory().require(CA).certificate().getPublicKey());
    }
}

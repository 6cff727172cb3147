package uz.eimzo.ra.gost;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Self-service renewal of a GOST-UZ holder (the default CA): the challenge signed with the current GOST-UZ key as the
 * E-IMZO agent signs, and a new GOST-UZ key made by the centre in a DS….pfx; a P-256 key is refused, never certified.
 */
class GostSelfServiceRenewalTest extends GostRaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    KeyPair key;
    X509Certificate current;

    @BeforeEach
    void gostHolder() {
        key = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        current = registrations.issueEnrolled(new Applicants(operators, registrations, codes).submitted(Operators.pinfl()),
                key.getPublic(), "test").certificate();
    }

    private String signedChallenge(MockHttpSession session) throws Exception {
        String challenge = mvc.perform(get("/self-service/challenge.txt").session(session))
                .andReturn().getResponse().getContentAsString();
        return GostChallenges.sign(challenge, key, current);
    }

    private long certificatesOfTheHolder() {
        return jdbc.sql("select count(*) from certificate where pinfl = (select pinfl from certificate where serial = ?)")
                .param(new BigDecimal(current.getSerialNumber())).query(Long.class).single();
    }

    @Test
    void aGostUzHolderRenewsWithANewGostUzKeyMadeByTheCentreInADsPfx() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(multipart("/self-service/renew-server-key").param("signatureText", signedChallenge(session))
                        .param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        char[] password = page.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1").toCharArray();
        assertThat(page).contains("id=\"revocation-code\"").contains("DS");

        byte[] pfx = mvc.perform(get("/self-service/renewed.pfx").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        KeyStore file = KeyStore.getInstance("PKCS12");
        file.load(new ByteArrayInputStream(pfx), password);
        String alias = file.aliases().nextElement();
        assertThat(file.getKey(alias, password)).isInstanceOf(UzDstPrivateKey.class);
        X509Certificate renewed = (X509Certificate) file.getCertificate(alias);
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(current.getSerialNumber());
        assertThat(KeyAlgorithm.of(renewed.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(renewed.getPublicKey()).isNotEqualTo(current.getPublicKey());
        assertThat(renewed.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        mvc.perform(get("/self-service/renewed.pfx").session(session)).andExpect(status().isGone());
    }

    @Test
    void aP256RequestFromAGostUzHolderIsRefusedAndNothingIsIssued() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String signature = signedChallenge(session);
        long before = certificatesOfTheHolder();

        String page = mvc.perform(multipart("/self-service/renew").param("signatureText", signature)
                        .param("csrText", Csrs.pem(KeyAlgorithm.EC_P256.generate(RANDOM))).param("lang", "en")
                        .session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Your current key is GOST-UZ (E-IMZO): the new key must be GOST-UZ as well.")
                .doesNotContain("id=\"new-certificate\"");
        assertThat(certificatesOfTheHolder()).isEqualTo(before);
    }

    @Test
    void aGostUzRequestFromAGostUzHolderRenews() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String signature = signedChallenge(session);
        KeyPair next = KeyAlgorithm.GOST_UZ.generate(RANDOM);

        String page = mvc.perform(multipart("/self-service/renew").param("signatureText", signature)
                        .param("csrText", GostChallenges.csr(next)).param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"new-certificate\"");
    }
}

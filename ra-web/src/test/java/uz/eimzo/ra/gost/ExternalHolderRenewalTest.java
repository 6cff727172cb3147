package uz.eimzo.ra.gost;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ca.x509.Names;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Migration of an existing E-IMZO holder: a holder of a certificate issued by another centre's GOST-UZ CA, which this
 * centre recognises ({@code import --external}), renews from self-service with a signed challenge and gets a new
 * GOST-UZ key and certificate from our issuing CA, once.
 */
class ExternalHolderRenewalTest extends GostRaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    KeyPair externalCaKey;
    X500Name externalCaName;

    @BeforeEach
    void externalCa() throws Exception {
        externalCaKey = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        externalCaName = new X500Name("CN=Incumbent E-IMZO CA " + UUID.randomUUID() + ",C=UZ");
        Instant now = Instant.now();
        X509Certificate root = Certificates.parse(new JcaX509v3CertificateBuilder(externalCaName, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(400))), Date.from(now.plus(Duration.ofDays(3000))), externalCaName,
                externalCaKey.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new KeyContentSigner(InMemorySigningKey.of(externalCaKey))).getEncoded());
        ca.authorities().recognise("incumbent-" + UUID.randomUUID().toString().substring(0, 8), root, "test");
    }

    /** A holder's certificate as the incumbent issued it: E-IMZO's subject with the PINFL, valid for another 20 days. */
    private X509Certificate holderCertificate(KeyPair holder, KeyPair signer) throws Exception {
        String pinfl = Operators.pinfl();
        X500Name subject = X500Name.getInstance(Names.principal(List.of(new DnAttribute(DnAttribute.CN, "KARIMOV JASUR"),
                new DnAttribute(DnAttribute.NAME, "JASUR"), new DnAttribute(DnAttribute.SURNAME, "KARIMOV"),
                new DnAttribute(DnAttribute.L, "Toshkent shahri"), new DnAttribute(DnAttribute.C, "UZ"),
                new DnAttribute(DnAttribute.PINFL, new Pinfl(pinfl).value()))).getEncoded());
        Instant now = Instant.now();
        return Certificates.parse(new JcaX509v3CertificateBuilder(externalCaName, BigInteger.valueOf(RANDOM.nextLong(1, Long.MAX_VALUE)),
                Date.from(now.minus(Duration.ofDays(345))), Date.from(now.plus(Duration.ofDays(20))), subject,
                holder.getPublic()).build(new KeyContentSigner(InMemorySigningKey.of(signer))).getEncoded());
    }

    private String renewWithServerKey(MockHttpSession session, KeyPair holder, X509Certificate current) throws Exception {
        String challenge = mvc.perform(get("/self-service/challenge.txt").session(session)).andReturn().getResponse()
                .getContentAsString();
        return mvc.perform(multipart("/self-service/renew-server-key").param("signatureText",
                        GostChallenges.sign(challenge, holder, current)).param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aRecognisedCasHolderGetsAGostUzCertificateFromOurIssuingCa() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, externalCaKey);
        MockHttpSession session = new MockHttpSession();

        String page = renewWithServerKey(session, holder, current);

        char[] password = page.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1").toCharArray();
        byte[] pfx = mvc.perform(get("/self-service/renewed.pfx").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        KeyStore file = KeyStore.getInstance("PKCS12");
        file.load(new ByteArrayInputStream(pfx), password);
        String alias = file.aliases().nextElement();
        assertThat(file.getKey(alias, password)).isInstanceOf(UzDstPrivateKey.class);
        X509Certificate renewed = (X509Certificate) file.getCertificate(alias);
        X509Certificate ours = ca.authoritiesDirectory().require("demo-gost-issuing").certificate();
        assertThat(renewed.getIssuerX500Principal()).isEqualTo(ours.getSubjectX500Principal());
        renewed.verify(ours.getPublicKey());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.getSubjectX500Principal());
        assertThat(KeyAlgorithm.of(renewed.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
    }

    @Test
    void theSameExternalCertificateRenewsOnlyOnce() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = holderCertificate(holder, externalCaKey);
        renewWithServerKey(new MockHttpSession(), holder, current);

        String again = renewWithServerKey(new MockHttpSession(), holder, current);

        assertThat(again).contains("This certificate was already renewed at this centre").doesNotContain("id=\"pfx-download\"");
    }

    @Test
    void aCertificateNamingTheRecognisedCaButSignedByAnotherKeyIsNotRenewed() throws Exception {
        KeyPair holder = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate forged = holderCertificate(holder, KeyAlgorithm.GOST_UZ.generate(RANDOM));

        String page = renewWithServerKey(new MockHttpSession(), holder, forged);

        assertThat(page).contains("The signature was not made with a certificate of this centre").doesNotContain("id=\"pfx-download\"");
    }
}

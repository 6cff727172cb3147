package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Where the observation was made: over HTTP, against an application whose issuing CA is GOST-UZ, a kur and an rr
 * are answered 200 with a GOST-UZ-signed CMP message (they were HTTP 500 while the kur still issued and the rr still
 * revoked). {@link CmpGostUzTest} covers every message type and checks the signatures independently.
 */
@TestPropertySource(properties = {"eimzo.ra.issuing-ca=cmp-gost-issuing", "eimzo.cmp.renewal-window=400d"})
class CmpGostUzHttpTest extends RaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    CaSigner signer;
    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    @BeforeEach
    void gostIssuingCa() {
        if (ca.authoritiesDirectory().all().stream().noneMatch(a -> a.name().equals("cmp-gost-issuing"))) {
            ca.authorities().createRoot("cmp-gost-root", List.of(new DnAttribute(DnAttribute.CN, "CMP GOST Root"),
                    new DnAttribute(DnAttribute.C, "UZ")), KeyAlgorithm.GOST_UZ, Period.ofYears(20), signer.keyStores().get(0), "test");
            ca.authorities().createIssuing("cmp-gost-root", "cmp-gost-issuing", List.of(new DnAttribute(DnAttribute.CN,
                    "CMP GOST Issuing"), new DnAttribute(DnAttribute.C, "UZ")), KeyAlgorithm.GOST_UZ, Period.ofYears(10),
                    signer.keyStores().get(0), "test");
        }
    }

    private byte[] exchange(byte[] request) throws Exception {
        return mvc.perform(post("/.well-known/cmp/p/cmp-gost-issuing").contentType("application/pkixcmp").content(request))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }

    private String statusOf(X509Certificate certificate) {
        return jdbc.sql("select status from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    @Test
    void kurAndRrOnAGostUzCaAreAnsweredWithGostSignedMessages() throws Exception {
        KeyPair key = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = registrations.issueEnrolled(new Applicants(operators, registrations, codes)
                .submitted(Operators.pinfl()), key.getPublic(), "test").certificate();
        KeyPair next = KeyAlgorithm.GOST_UZ.generate(RANDOM);

        byte[] renewal = exchange(CmpClient.kur(current, key.getPrivate(), next, null, null));
        X509Certificate renewed = CmpClient.issued(renewal);
        byte[] revocation = exchange(CmpClient.rr(renewed, renewed, next.getPrivate()));

        for (byte[] answer : List.of(renewal, revocation)) {
            PKIMessage message = CmpClient.parse(answer);
            assertThat(message.getBody().getType()).isNotEqualTo(PKIBody.TYPE_ERROR);
            assertThat(message.getHeader().getProtectionAlg().getAlgorithm().getId()).isEqualTo(CmpClient.GOST_SIGNATURE);
        }
        assertThat(statusOf(renewed)).isEqualTo("REVOKED");
    }

    @Test
    void aGostUzHolderCannotRenewOntoAP256KeyByKur() throws Exception {
        KeyPair key = KeyAlgorithm.GOST_UZ.generate(RANDOM);
        X509Certificate current = registrations.issueEnrolled(new Applicants(operators, registrations, codes)
                .submitted(Operators.pinfl()), key.getPublic(), "test").certificate();
        long before = jdbc.sql("select count(*) from certificate").query(Long.class).single();

        byte[] answer = exchange(CmpClient.kur(current, key.getPrivate(), KeyAlgorithm.EC_P256.generate(RANDOM), null, null));

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        assertThat(CmpClient.errorText(answer)).contains("GOST-UZ");
        assertThat(jdbc.sql("select count(*) from certificate").query(Long.class).single()).isEqualTo(before);
    }
}

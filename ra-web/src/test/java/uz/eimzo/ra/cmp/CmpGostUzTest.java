package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.crypto.digests.GOST3411Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECGOST3410Signer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.PersonalDataCipher;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMP on a GOST-UZ issuing CA, with a Bouncy Castle client (openssl has no GOST-UZ): ir, cr and p10cr with an
 * enrollment code, certConf, kur and rr with GOST-UZ holder keys. Every answer the CA signs must carry an
 * O'z DSt 1092 signature that verifies with the CA certificate's key, checked here with Bouncy Castle's lightweight
 * GOST classes straight from the DER, not with the provider that made it; MAC-protected answers verify with the code.
 */
class CmpGostUzTest extends RaTestBase {

    private static final String ROOT = "cmp-gost-root";
    private static final String ISSUING = "cmp-gost-issuing";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    CaSigner signer;
    @Autowired
    PersonalDataCipher cipher;

    Registrations registrations;
    EnrollmentCodes codes;
    Applicants applicants;
    CmpServer server;
    CertificateAuthority issuing;

    @BeforeEach
    void gostHierarchy() {
        if (ca.authoritiesDirectory().all().stream().noneMatch(a -> a.name().equals(ISSUING))) {
            ca.authorities().createRoot(ROOT, name("CMP GOST Root"), KeyAlgorithm.GOST_UZ, Period.ofYears(20), signer.keyStores().get(0), "test");
            ca.authorities().createIssuing(ROOT, ISSUING, name("CMP GOST Issuing"), KeyAlgorithm.GOST_UZ, Period.ofYears(10),
                    signer.keyStores().get(0), "test");
        }
        issuing = ca.authoritiesDirectory().require(ISSUING);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(DATABASE.dataSource()));
        registrations = new Registrations(jdbc, transactions, ca.audit(), ca.issuer(), ca.revocationCodes(), ca.profiles(), cipher,
                Clock.systemUTC(), ISSUING);
        codes = new EnrollmentCodes(jdbc, transactions, ca.audit(), registrations, cipher, Clock.systemUTC());
        applicants = new Applicants(operators, registrations, codes);
        // The renewal window is widened so a fresh one-year certificate may be renewed at once.
        server = new CmpServer(ca, registrations, codes, signer.cmpProtection(), ISSUING,
                CmpSettings.renewalWindow(Duration.ofDays(400)), Clock.systemUTC());
    }

    private static List<DnAttribute> name(String cn) {
        return List.of(new DnAttribute(DnAttribute.CN, cn), new DnAttribute(DnAttribute.C, "UZ"));
    }

    private static KeyPair gostKey() {
        return KeyAlgorithm.GOST_UZ.generate(RANDOM);
    }

    private EnrollmentCodes.Code code() {
        return applicants.code(applicants.submitted(Operators.pinfl()));
    }

    private String statusOf(X509Certificate certificate) {
        return jdbc.sql("select status from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    /** The answer's protection is an O'z DSt 1092 signature over ProtectedPart that the issuing CA's key verifies. */
    private void assertSignedByTheGostCa(byte[] answer) throws Exception {
        PKIMessage message = CmpClient.parse(answer);
        assertThat(message.getHeader().getProtectionAlg().getAlgorithm().getId()).isEqualTo(CmpClient.GOST_SIGNATURE);
        ASN1EncodableVector protectedPart = new ASN1EncodableVector();
        protectedPart.add(message.getHeader());
        protectedPart.add(message.getBody());
        byte[] signed = new DERSequence(protectedPart).getEncoded("DER");
        SubjectPublicKeyInfo caKey = SubjectPublicKeyInfo.getInstance(issuing.certificate().getPublicKey().getEncoded());
        assertThat(gostVerifies(signed, message.getProtection().getOctets(), caKey)).as("GOST-UZ signature by the CA").isTrue();
        byte[] tampered = signed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(gostVerifies(tampered, message.getProtection().getOctets(), caKey)).isFalse();
    }

    private static void assertMacProtectedWith(byte[] answer, String secret) throws Exception {
        ProtectedPKIMessage message = new ProtectedPKIMessage(new GeneralPKIMessage(CmpClient.parse(answer)));
        assertThat(message.hasPasswordBasedMacProtection()).isTrue();
        assertThat(message.verify(new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(new BouncyCastleProvider())),
                secret.toCharArray())).isTrue();
    }

    /** s||r over the GOST R 34.11-94 hash (CryptoPro parameters), key x||y little-endian, as E-IMZO encodes them. */
    private static boolean gostVerifies(byte[] data, byte[] signature, SubjectPublicKeyInfo key) throws Exception {
        ECDomainParameters curve = new ECDomainParameters(
                ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A));
        byte[] xy = ASN1OctetString.getInstance(key.getPublicKeyData().getOctets()).getOctets();
        var point = curve.getCurve().createPoint(littleEndian(Arrays.copyOfRange(xy, 0, 32)), littleEndian(Arrays.copyOfRange(xy, 32, 64)));
        GOST3411Digest digest = new GOST3411Digest();
        digest.update(data, 0, data.length);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        ECGOST3410Signer verifier = new ECGOST3410Signer();
        verifier.init(false, new ECPublicKeyParameters(point, curve));
        return signature.length == 64 && verifier.verifySignature(hash,
                new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)), new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)));
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    /** A GOST-UZ holder enrolled with ir and confirmed. */
    private record Holder(X509Certificate certificate, KeyPair key) {
    }

    private Holder enrolled() throws Exception {
        EnrollmentCodes.Code code = code();
        KeyPair key = gostKey();
        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), key), null);
        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_INIT_REP);
        byte[] confirmed = server.handle(CmpClient.certConf(answer, code.reference(), code.secret()), null);
        assertThat(CmpClient.parse(confirmed).getBody().getType()).as(() -> CmpClient.errorText(confirmed)).isEqualTo(PKIBody.TYPE_CONFIRM);
        return new Holder(CmpClient.issued(answer), key);
    }

    @Test
    void irIssuesAGostCertificateUnderTheGostCaAndAnswersWithTheCodesMac() throws Exception {
        EnrollmentCodes.Code code = code();
        KeyPair key = gostKey();

        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), key), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_INIT_REP);
        X509Certificate issued = CmpClient.issued(answer);
        assertThat(issued.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(issued.getSigAlgOID()).isEqualTo(CmpClient.GOST_SIGNATURE);
        assertThat(issued.getIssuerX500Principal()).isEqualTo(issuing.certificate().getSubjectX500Principal());
        assertMacProtectedWith(answer, code.secret());
    }

    @Test
    void crAndCertConfAreAnsweredUnderTheCodesMac() throws Exception {
        EnrollmentCodes.Code code = code();

        byte[] answer = server.handle(CmpClient.enroll(PKIBody.TYPE_CERT_REQ, code.reference(), code.secret(), gostKey(),
                CmpClient.DEFAULT_ITERATIONS), null);
        byte[] confirmed = server.handle(CmpClient.certConf(answer, code.reference(), code.secret()), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_CERT_REP);
        assertThat(CmpClient.parse(confirmed).getBody().getType()).as(() -> CmpClient.errorText(confirmed)).isEqualTo(PKIBody.TYPE_CONFIRM);
        assertMacProtectedWith(answer, code.secret());
        assertMacProtectedWith(confirmed, code.secret());
    }

    @Test
    void p10crWithAGostRequestIsIssued() throws Exception {
        EnrollmentCodes.Code code = code();
        KeyPair key = gostKey();

        byte[] answer = server.handle(CmpClient.p10cr(code.reference(), code.secret(), key), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_CERT_REP);
        assertThat(CmpClient.issued(answer).getPublicKey()).isEqualTo(key.getPublic());
        assertMacProtectedWith(answer, code.secret());
    }

    @Test
    void irWithAP256KeyIsRefusedWithBadAlgAndCertifiesNothing() throws Exception {
        EnrollmentCodes.Code code = code();
        long before = certificateCount();

        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.badAlg).isNotZero();
        assertThat(CmpClient.errorText(answer)).contains("GOST-only");
        assertThat(certificateCount()).isEqualTo(before);
    }

    @Test
    void p10crWithAnRsaRequestIsRefusedWithBadAlgAndCertifiesNothing() throws Exception {
        EnrollmentCodes.Code code = code();
        long before = certificateCount();

        byte[] answer = server.handle(CmpClient.p10cr(code.reference(), code.secret(), KeyAlgorithm.RSA_2048.generate(RANDOM)), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.badAlg).isNotZero();
        assertThat(certificateCount()).isEqualTo(before);
    }

    private long certificateCount() {
        return jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }

    @Test
    void kurIsAnsweredWithAGostSignatureOfTheCa() throws Exception {
        Holder current = enrolled();
        KeyPair next = gostKey();

        byte[] answer = server.handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), next, null, null), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_KEY_UPDATE_REP);
        assertSignedByTheGostCa(answer);
        X509Certificate renewed = CmpClient.issued(answer);
        assertThat(renewed.getPublicKey()).isEqualTo(next.getPublic());
        assertThat(statusOf(renewed)).isEqualTo("GOOD");
    }

    @Test
    void certConfOfAKurIsAnsweredWithAGostSignatureOfTheCa() throws Exception {
        Holder current = enrolled();
        byte[] renewed = server.handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), gostKey(), null, null), null);

        byte[] confirmed = server.handle(CmpClient.certConf(renewed, current.certificate(), current.key().getPrivate()), null);

        assertThat(CmpClient.parse(confirmed).getBody().getType()).as(() -> CmpClient.errorText(confirmed)).isEqualTo(PKIBody.TYPE_CONFIRM);
        assertSignedByTheGostCa(confirmed);
    }

    @Test
    void rrIsAnsweredWithAGostSignatureOfTheCaAndRevokes() throws Exception {
        Holder current = enrolled();

        byte[] answer = server.handle(CmpClient.rr(current.certificate(), current.certificate(), current.key().getPrivate()), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).as(() -> CmpClient.errorText(answer)).isEqualTo(PKIBody.TYPE_REVOCATION_REP);
        assertSignedByTheGostCa(answer);
        assertThat(statusOf(current.certificate())).isEqualTo("REVOKED");
    }

    @Test
    void refusalsOfUnauthenticatedRequestsAreSignedByTheGostCa() throws Exception {
        byte[] answer = server.handle(CmpClient.ir("REF-NOSUCH00", "whatever", gostKey()), null);

        assertThat(CmpClient.failInfo(answer)).isNotZero();
        assertSignedByTheGostCa(answer);
    }
}

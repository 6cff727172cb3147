package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.tsa.encoding.Digests;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signer's time-stamp token made by a TSA that a recognised external CA certified: the TSA certificate's status at
 * the token's time is asked of that CA's OCSP responder (the real {@code openssl ocsp}), as a signer's would be, and
 * shown with the token; a TSA certificate revoked before the token was made does not prove the signing time.
 */
class ExternalTsaStatusTest extends ExternalCaVerification {

    ExternalTsaStatusTest() {
        super("tsa-external-tsa", "tashkent-time-centre-root",
                "CN=Toshkent Vaqt Markazi Root CA,O=Toshkent Vaqt Markazi,C=UZ");
    }

    @Test
    void aTokenOfAnExternalTsaWhoseCertificateIsGoodProvesTheSigningTimeWithItsStatusShown() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("good-tsa"))) {
            byte[] document = stampedDocument(openssl, openssl.url(), true, null);

            JsonNode signer = verifiedDocument(document, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
            JsonNode token = signer.get("timeStamp");
            assertThat(token.get("verified").asBoolean()).isTrue();
            assertThat(token.get("tsaStatus").get("source").asString()).isEqualTo("OCSP");
            assertThat(token.get("tsaStatus").get("atSigningTime").asString()).isEqualTo("GOOD");
            assertThat(token.get("tsaStatus").get("url").asString()).isEqualTo(openssl.url());
        }
    }

    @Test
    void aTokenOfAnExternalTsaRevokedBeforeTheTokensTimeDoesNotProveTheSigningTime() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("revoked-tsa"))) {
            byte[] document = stampedDocument(openssl, openssl.url(), true, Instant.now().minus(Duration.ofMinutes(30)));

            JsonNode signer = verifiedDocument(document, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("TIME_STAMP_INVALID");
            JsonNode token = signer.get("timeStamp");
            assertThat(token.get("verified").asBoolean()).isFalse();
            assertThat(token.get("problemCode").asString()).isEqualTo("TSA_CERTIFICATE_NOT_GOOD");
            assertThat(token.get("problem").asString()).isEqualTo("the TSA certificate was REVOKED at the token's time");
            assertThat(token.get("tsaStatus").get("source").asString()).isEqualTo("OCSP");
            assertThat(token.get("tsaStatus").get("atSigningTime").asString()).isEqualTo("REVOKED");
        }
    }

    @Test
    void aTokenOfAnExternalTsaWhoseStatusNoSourceGaveSaysWhyInTheRelyingPartysLanguage() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("unchecked-tsa"))) {
            String deadResponder = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";
            byte[] document = stampedDocument(openssl, deadResponder, false, null);

            JsonNode tsaStatus = verifiedDocument(document, "en").get("timeStamp").get("tsaStatus");
            assertThat(tsaStatus.get("source").asString()).isEqualTo("NOT_CHECKED");
            assertThat(tsaStatus.get("notChecked").get(0).get("reason").asString()).isEqualTo("RESPONDER_UNREACHABLE");
            assertThat(tsaStatus.get("notChecked").get(0).get("text").asString())
                    .isEqualTo("not checked: responder unreachable");
            assertThat(verifiedDocument(document, "uz").get("timeStamp").get("tsaStatus").get("notChecked").get(0)
                    .get("text").asString()).startsWith("tekshirilmadi");
        }
    }

    /**
     * A letter signed by a holder of the external CA, with a token of a TSA that CA certified naming {@code tsaOcspUrl}
     * in its AIA; {@code openssl} answers for the holder and, when {@code tsaListed}, for the TSA certificate (revoked
     * at {@code tsaRevokedAt}, or good when null).
     */
    private byte[] stampedDocument(OpensslOcspResponder openssl, String tsaOcspUrl, boolean tsaListed,
                                   Instant tsaRevokedAt) throws Exception {
        SignedFixtures.Holder holder = external.holder(openssl.url(), null);
        KeyPair tsaKeys = KeyAlgorithm.EC_P256.generate(random);
        X509Certificate tsaCertificate = external.timeStamping(tsaKeys, tsaOcspUrl);
        List<OpensslOcspResponder.Entry> entries = new ArrayList<>(List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));
        if (tsaListed) {
            entries.add(new OpensslOcspResponder.Entry(tsaCertificate, tsaRevokedAt));
        }
        openssl.start(external.certificate, external.certificate, external.keys.getPrivate(), entries);
        return stampedBy(tsaKeys, tsaCertificate, SignedFixtures.sign(holder, LETTER, true));
    }

    /** {@code cms} with a token over its first signer's signature, made now by the external TSA's key. */
    private static byte[] stampedBy(KeyPair tsaKeys, X509Certificate tsaCertificate, byte[] cms) throws Exception {
        CMSSignedData signed = new CMSSignedData(cms);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new SignerInfoGeneratorBuilder(Digests.INSTANCE).build(new KeyContentSigner(InMemorySigningKey.of(tsaKeys)),
                        new X509CertificateHolder(tsaCertificate.getEncoded())),
                Digests.INSTANCE.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.2.860.3.99.1"));
        generator.addCertificates(new JcaCertStore(List.of(tsaCertificate)));
        TimeStampRequestGenerator request = new TimeStampRequestGenerator();
        request.setCertReq(true); // else the generator leaves the TSA certificate out of the token
        TimeStampToken token = generator.generate(request.generate(TSPAlgorithms.SHA256,
                MessageDigest.getInstance("SHA-256").digest(signer.getSignature())), BigInteger.valueOf(random64()),
                new Date());
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(new Attribute(
                PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(token.toCMSSignedData().toASN1Structure()))));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded();
    }

    private static long random64() {
        return new SecureRandom().nextLong() & Long.MAX_VALUE;
    }
}

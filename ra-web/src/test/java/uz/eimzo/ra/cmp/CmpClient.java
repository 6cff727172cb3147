package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertTemplateBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CertificateRequestMessageBuilder;
import org.bouncycastle.cert.crmf.Control;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Builds CMP requests with Bouncy Castle, including the malformed and ill-signed ones a client might send. */
final class CmpClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final GeneralName CA = new GeneralName(new X500Name("CN=E-IMZO CA"));

    private CmpClient() {
    }

    /** ir protected by a MAC with the enrollment code (senderKID = reference). */
    static byte[] ir(String reference, String secret, KeyPair key) throws Exception {
        return enroll(PKIBody.TYPE_INIT_REQ, reference, secret, key, DEFAULT_ITERATIONS);
    }

    /** openssl cmp's default PBM iteration count. */
    static final int DEFAULT_ITERATIONS = 500;

    /** ir or cr with a MAC of {@code iterations} iterations. */
    static byte[] enroll(int type, String reference, String secret, KeyPair key, int iterations) throws Exception {
        var request = new CertificateRequestMessageBuilder(BigInteger.ZERO)
                .setPublicKey(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .setSubject(new X500Name("CN=Applicant"))
                .setProofOfPossessionSigningKeySigner(signer(key.getPrivate())).build();
        return macProtected(reference, secret, iterations, random(),
                new PKIBody(type, new CertReqMessages(request.toASN1Structure())));
    }

    /** p10cr: a PKCS#10 request signed with the key, MAC-protected with the enrollment code. */
    static byte[] p10cr(String reference, String secret, KeyPair key) throws Exception {
        var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), key.getPublic())
                .build(signer(key.getPrivate()));
        return macProtected(reference, secret, DEFAULT_ITERATIONS, random(),
                new PKIBody(PKIBody.TYPE_P10_CERT_REQ, csr.toASN1Structure()));
    }

    private static byte[] macProtected(String reference, String secret, int iterations, byte[] transactionId, PKIBody body)
            throws Exception {
        ProtectedPKIMessageBuilder builder = builder(new X500Name("CN=Applicant"), transactionId)
                .setSenderKID(reference.getBytes(StandardCharsets.UTF_8)).setBody(body);
        PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(new BouncyCastleProvider()))
                .setIterationCount(iterations);
        return builder.build(mac.build(secret.toCharArray())).toASN1Structure().getEncoded();
    }

    /** certConf accepting the certificate of a certificate response, MAC-protected with the enrollment code. */
    static byte[] certConf(byte[] response, String reference, String secret) throws Exception {
        PKIMessage answer = parse(response);
        return macProtected(reference, secret, DEFAULT_ITERATIONS, answer.getHeader().getTransactionID().getOctets(),
                confirmation(response));
    }

    /** certConf accepting the certificate of a kup, signed like the kur was. */
    static byte[] certConf(byte[] response, X509Certificate signer, PrivateKey signerKey) throws Exception {
        PKIMessage answer = parse(response);
        return builder(X500Name.getInstance(signer.getSubjectX500Principal().getEncoded()), answer.getHeader().getTransactionID().getOctets())
                .addCMPCertificate(new X509CertificateHolder(signer.getEncoded()))
                .setBody(confirmation(response)).build(signer(signerKey)).toASN1Structure().getEncoded();
    }

    private static PKIBody confirmation(byte[] response) throws Exception {
        var content = new org.bouncycastle.cert.cmp.CertificateConfirmationContentBuilder(CERT_HASHES)
                .addAcceptedCertificate(new X509CertificateHolder(issued(response).getEncoded()), BigInteger.ZERO)
                .build(new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build());
        return new PKIBody(PKIBody.TYPE_CERT_CONFIRM, content.toASN1Structure());
    }

    /** The client's table: a GOST-UZ certificate is hashed with O'z DSt 1106 (its signature's hash, RFC 4210 5.3.18). */
    private static final org.bouncycastle.operator.DigestAlgorithmIdentifierFinder CERT_HASHES =
            new org.bouncycastle.operator.DigestAlgorithmIdentifierFinder() {
                private final org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder standard =
                        new org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder();

                @Override
                public org.bouncycastle.asn1.x509.AlgorithmIdentifier find(org.bouncycastle.asn1.x509.AlgorithmIdentifier signature) {
                    return signature.getAlgorithm().getId().equals(GOST_SIGNATURE)
                            ? new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.860.3.15.1.3.2.1.1"))
                            : standard.find(signature);
                }

                @Override
                public org.bouncycastle.asn1.x509.AlgorithmIdentifier find(ASN1ObjectIdentifier digest) {
                    return standard.find(digest);
                }

                @Override
                public org.bouncycastle.asn1.x509.AlgorithmIdentifier find(String name) {
                    return standard.find(name);
                }
            };

    /** O'z DSt 1092:2009-2 with O'z DSt 1106:2009 (docs/gost-uz.md). */
    static final String GOST_SIGNATURE = "1.2.860.3.15.1.1.2.2.2.2";

    /** kur signed with {@code signerKey}, presenting {@code signer} first in extraCerts. */
    static byte[] kur(X509Certificate signer, PrivateKey signerKey, KeyPair newKey, X500Name subject, CertId oldCertId)
            throws Exception {
        var builder = new CertificateRequestMessageBuilder(BigInteger.ZERO)
                .setPublicKey(SubjectPublicKeyInfo.getInstance(newKey.getPublic().getEncoded()))
                .setSubject(subject != null ? subject : X500Name.getInstance(signer.getSubjectX500Principal().getEncoded()))
                .setProofOfPossessionSigningKeySigner(signer(newKey.getPrivate()));
        CertId old = oldCertId != null ? oldCertId : new CertId(
                new GeneralName(X500Name.getInstance(signer.getIssuerX500Principal().getEncoded())), signer.getSerialNumber());
        builder.addControl(new Control() {
            @Override
            public ASN1ObjectIdentifier getType() {
                return CRMFObjectIdentifiers.id_regCtrl_oldCertID;
            }

            @Override
            public ASN1Encodable getValue() {
                return old;
            }
        });
        PKIBody body = new PKIBody(PKIBody.TYPE_KEY_UPDATE_REQ, new CertReqMessages(builder.build().toASN1Structure()));
        return signed(signer, signerKey, body);
    }

    /** rr for (issuer, serial), signed with {@code signerKey}. */
    static byte[] rr(X509Certificate target, X509Certificate signer, PrivateKey signerKey) throws Exception {
        RevDetails details = new RevDetails(new CertTemplateBuilder()
                .setIssuer(X500Name.getInstance(target.getIssuerX500Principal().getEncoded()))
                .setSerialNumber(new ASN1Integer(target.getSerialNumber())).build());
        return signed(signer, signerKey, new PKIBody(PKIBody.TYPE_REVOCATION_REQ, new RevReqContent(details)));
    }

    /** An unprotected genm asking for the CA certificates (RFC 9483 4.3.1). */
    static byte[] genmCaCerts() throws Exception {
        PKIHeader header = new PKIHeaderBuilder(PKIHeader.CMP_2000, new GeneralName(new X500Name("CN=Anyone")), CA)
                .setTransactionID(random()).setSenderNonce(random()).build();
        PKIBody body = new PKIBody(PKIBody.TYPE_GEN_MSG, new GenMsgContent(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts)));
        return new PKIMessage(header, body).getEncoded();
    }

    /** The request's own version of a self-made certificate, naming the given issuer and serial. */
    static X509Certificate forged(X509Certificate imitated, KeyPair key) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(imitated.getIssuerX500Principal().getEncoded()),
                imitated.getSerialNumber(), Date.from(now.minusSeconds(60)), Date.from(now.plus(30, ChronoUnit.DAYS)),
                X500Name.getInstance(imitated.getSubjectX500Principal().getEncoded()), key.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key.getPrivate())));
    }

    private static byte[] signed(X509Certificate signer, PrivateKey key, PKIBody body) throws Exception {
        return builder(X500Name.getInstance(signer.getSubjectX500Principal().getEncoded()), random())
                .addCMPCertificate(new X509CertificateHolder(signer.getEncoded()))
                .setBody(body).build(signer(key)).toASN1Structure().getEncoded();
    }

    private static ProtectedPKIMessageBuilder builder(X500Name sender, byte[] transactionId) {
        return new ProtectedPKIMessageBuilder(new GeneralName(sender), CA).setTransactionID(transactionId)
                .setSenderNonce(random()).setMessageTime(new Date());
    }

    /** ECDSA for EC keys, SHA-256 with RSA for RSA keys; for GOST-UZ keys a signer over the JCA provider, named by its OID. */
    private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key) throws Exception {
        if ("RSA".equals(key.getAlgorithm())) {
            return new JcaContentSignerBuilder("SHA256withRSA").build(key);
        }
        if (!"EC".equals(key.getAlgorithm())) {
            return new GostSigner(key);
        }
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static final class GostSigner implements org.bouncycastle.operator.ContentSigner {
        private final PrivateKey key;
        private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();

        GostSigner(PrivateKey key) {
            this.key = key;
        }

        @Override
        public org.bouncycastle.asn1.x509.AlgorithmIdentifier getAlgorithmIdentifier() {
            return new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new ASN1ObjectIdentifier(GOST_SIGNATURE));
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            try {
                java.security.Signature signature = java.security.Signature.getInstance(GOST_SIGNATURE);
                signature.initSign(key);
                signature.update(data.toByteArray());
                return signature.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    // --- reading answers ---

    static PKIMessage parse(byte[] der) {
        return PKIMessage.getInstance(der);
    }

    /** The PKIFailureInfo bits of an error message; fails when the answer is not an error. */
    static int failInfo(byte[] der) {
        PKIMessage message = parse(der);
        if (message.getBody().getType() != PKIBody.TYPE_ERROR) {
            throw new AssertionError("Expected an error message, got body type " + message.getBody().getType());
        }
        return ErrorMsgContent.getInstance(message.getBody().getContent()).getPKIStatusInfo().getFailInfo().intValue();
    }

    static String errorText(byte[] der) {
        return ErrorMsgContent.getInstance(parse(der).getBody().getContent()).getPKIStatusInfo().getStatusString()
                .getStringAtUTF8(0).getString();
    }

    /** The certificate in a single certificate response (ip, cp, kup). */
    static X509Certificate issued(byte[] der) throws Exception {
        CertRepMessage response = CertRepMessage.getInstance(parse(der).getBody().getContent());
        var certificate = response.getResponse()[0].getCertifiedKeyPair().getCertOrEncCert().getCertificate();
        return new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(certificate.getX509v3PKCert()));
    }

    /** The certificates of a genp's caCerts answer. */
    static int caCertCount(byte[] der) {
        GenRepContent content = GenRepContent.getInstance(parse(der).getBody().getContent());
        for (InfoTypeAndValue value : content.toInfoTypeAndValueArray()) {
            if (value.getInfoType().equals(CMPObjectIdentifiers.id_it_caCerts)) {
                return ASN1Sequence.getInstance(value.getInfoValue()).size();
            }
        }
        return 0;
    }
}

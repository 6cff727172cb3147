package uz.eimzo.ca.bench.scale;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

/** The relying party's and the subscriber's side of the load: PKCS#10 requests, OCSP requests and their answers. */
final class Pki {

    /** What one OCSP answer says about one certificate: response status, and good/revoked/unknown when successful. */
    record OcspAnswer(int responseStatus, String certStatus, Integer reason) {
        boolean good() {
            return responseStatus == 0 && "good".equals(certStatus);
        }

        boolean revoked() {
            return responseStatus == 0 && "revoked".equals(certStatus);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    /** A PEM PKCS#10 request for a new P-256 key, as an applicant's token would make it. */
    static String csrPem() {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(RANDOM);
        try {
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=applicant"), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("Not a certificate: " + pem, e);
        }
    }

    /** An OCSP request for one serial of {@code issuer}; with a nonce the responder must sign afresh (no cache). */
    static byte[] ocspRequest(X509Certificate issuer, BigInteger serial, boolean nonce) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()), serial);
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            if (nonce) {
                byte[] value = new byte[16];
                RANDOM.nextBytes(value);
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(value))));
            }
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OCSP request POSTed to the responder at {@code base}. */
    static HttpRequest ocspPost(URI base, byte[] request) {
        return HttpRequest.newBuilder(base.resolve("/ocsp")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
    }

    static OcspAnswer parse(byte[] body) {
        try {
            OCSPResp response = new OCSPResp(body);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return new OcspAnswer(response.getStatus(), null, null);
            }
            CertificateStatus status = ((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus();
            return switch (status) {
                case null -> new OcspAnswer(0, "good", null);
                case RevokedStatus revoked -> new OcspAnswer(0, "revoked",
                        revoked.hasRevocationReason() ? revoked.getRevocationReason() : null);
                case UnknownStatus unknown -> new OcspAnswer(0, "unknown", null);
                default -> new OcspAnswer(0, "unexpected " + status, null);
            };
        } catch (Exception e) {
            return new OcspAnswer(-1, "unparseable: " + e.getMessage(), null);
        }
    }
}

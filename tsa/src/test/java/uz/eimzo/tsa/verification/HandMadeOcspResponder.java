package uz.eimzo.tsa.verification;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/**
 * A small OCSP responder in the test, built with Bouncy Castle, for answers openssl will not give: signed with the
 * national GOST-UZ algorithm (openssl has no O'z DSt 1092), signed by a key that has nothing to do with the CA (a
 * forgery), or twisted as a broken or hostile responder would ({@link Twist}). Every certificate asked about is
 * answered "good".
 */
final class HandMadeOcspResponder implements AutoCloseable {

    /** How the answer departs from a correct one. */
    enum Twist {
        NONE,
        /** The request's nonce is not copied into the answer. */
        NO_NONCE,
        /** The answer carries a nonce of its own. */
        OTHER_NONCE,
        /** The answer is about another serial than the one asked. */
        OTHER_SERIAL,
        /** The answer is padded with 100 kB of zeros. */
        OVERSIZED,
        /** The answer comes after four seconds. */
        SLOW
    }

    private final HttpServer server;
    private final KeyPair signerKeys;
    private final X509Certificate signer;
    private final Twist twist;
    private final Duration age;

    /**
     * @param signer the certificate named as responder (by name) and sent with the answer
     * @param age    how long before now the answer's thisUpdate lies
     */
    HandMadeOcspResponder(KeyPair signerKeys, X509Certificate signer, Twist twist, Duration age) throws IOException {
        this.signerKeys = signerKeys;
        this.signer = signer;
        this.twist = twist;
        this.age = age;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] answer;
            try {
                answer = answer(new OCSPReq(exchange.getRequestBody().readAllBytes()));
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            if (twist == Twist.OVERSIZED) {
                answer = Arrays.copyOf(answer, answer.length + 100_000);
            } else if (twist == Twist.SLOW) {
                sleep(4_000);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private byte[] answer(OCSPReq request) throws Exception {
        X509CertificateHolder signerHolder = new X509CertificateHolder(signer.getEncoded());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(signerHolder.getSubject())));
        Instant thisUpdate = Instant.now().minus(age);
        for (Req one : request.getRequestList()) {
            CertID asked = one.getCertID().toASN1Primitive();
            CertificateID id = twist == Twist.OTHER_SERIAL ? new CertificateID(new CertID(asked.getHashAlgorithm(),
                    asked.getIssuerNameHash(), asked.getIssuerKeyHash(),
                    new ASN1Integer(one.getCertID().getSerialNumber().add(BigInteger.ONE)))) : one.getCertID();
            builder.addResponse(id, CertificateStatus.GOOD, Date.from(thisUpdate),
                    Date.from(Instant.now().plus(Duration.ofMinutes(10))));
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (twist == Twist.OTHER_NONCE) {
            builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(new byte[16]).getEncoded()))));
        } else if (twist != Twist.NO_NONCE && nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                new KeyContentSigner(InMemorySigningKey.of(signerKeys)), new X509CertificateHolder[]{signerHolder},
                Date.from(Instant.now()))).getEncoded();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package uz.eimzo.tsa.verification;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A small OCSP responder in the test, built with Bouncy Castle, for answers openssl will not give: signed with the
 * national GOST-UZ algorithm (openssl has no O'z DSt 1092), signed by a key that has nothing to do with the CA (a
 * forgery), or without the nonce the request carried. Every certificate asked about is answered "good".
 */
final class HandMadeOcspResponder implements AutoCloseable {

    private final HttpServer server;
    private final KeyPair signerKeys;
    private final X509Certificate signer;
    private final boolean echoNonce;
    private final Duration age;

    /**
     * @param signer    the certificate named as responder (by name) and sent with the answer
     * @param echoNonce whether the request's nonce is copied into the answer
     * @param age       how long before now the answer's thisUpdate lies
     */
    HandMadeOcspResponder(KeyPair signerKeys, X509Certificate signer, boolean echoNonce, Duration age) throws IOException {
        this.signerKeys = signerKeys;
        this.signer = signer;
        this.echoNonce = echoNonce;
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
            builder.addResponse(one.getCertID(), CertificateStatus.GOOD, Date.from(thisUpdate),
                    Date.from(Instant.now().plus(Duration.ofMinutes(10))));
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoNonce && nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                new KeyContentSigner(InMemorySigningKey.of(signerKeys)), new X509CertificateHolder[]{signerHolder},
                Date.from(Instant.now()))).getEncoded();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}

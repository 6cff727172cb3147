package uz.eimzo.ca.bench.ocsp;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import uz.eimzo.ca.bench.load.Bytes;
import uz.eimzo.ca.bench.load.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OCSP requests as the load drivers send them (POSTs encoded beforehand, drawn by the bench uniformly over its
 * certificates), and the check of every answer after the driver's HTTP 200 and {@code application/ocsp-response}: the
 * response status; for a successful one, the serial asked about, the nonce echoed when one was sent, and the
 * certificate status where the bench knows what it must be. One answer in 64 is also parsed by Bouncy Castle and
 * compared, and one in 4,096 has its signature verified with the certificate it carries. Answers are counted under
 * good, revoked, unknown, tryLater, malformedRequest, ….
 */
final class OcspWorkload implements Workload<OcspWorkload.Ask> {

    static final String CONTENT_TYPE = "application/ocsp-response";
    private static final int VERIFY_EVERY_SAMPLE = 64;

    /**
     * One request.
     *
     * @param serial   the serial number's INTEGER content; null for a request that names none (garbage)
     * @param expected good, revoked or unknown, or the name of an unsuccessful response status (malformedRequest);
     *                 null for any successful answer
     * @param nonce    the nonce as the answer must echo it; null without one
     */
    record Ask(byte[] http, byte[] serial, String expected, byte[] nonce) implements Workload.Request {

        /** The same request with any successful answer accepted (its certificate may be revoked meanwhile). */
        Ask anyStatus() {
            return new Ask(http, serial, null, nonce);
        }
    }

    private final List<Ask> asks;
    private final AtomicLong samples = new AtomicLong();

    OcspWorkload(List<Ask> asks) {
        if (asks.isEmpty()) {
            throw new IllegalArgumentException("no requests");
        }
        this.asks = List.copyOf(asks);
    }

    /** A DER OCSP request as an HTTP/1.1 POST. */
    static byte[] post(int port, String path, byte[] der) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/ocsp-request\r\nContent-Length: " + der.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + der.length);
        System.arraycopy(der, 0, request, head.length, der.length);
        return request;
    }

    /** A DER request (read once here for its serial and nonce) whose answer must say {@code expected} (or null). */
    static Ask ask(int port, String path, byte[] der, String expected) {
        try {
            OCSPReq request = new OCSPReq(der);
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            return new Ask(post(port, path, der), request.getRequestList()[0].getCertID().getSerialNumber().toByteArray(),
                    expected, nonce == null ? null : nonce.getExtnValue().getOctets());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that are no OCSP request: a static malformedRequest, the listener's raw ceiling. */
    static Ask garbage(int port) {
        return new Ask(post(port, "/ocsp", "garbage".getBytes(StandardCharsets.US_ASCII)), null, "malformedRequest", null);
    }

    @Override
    public Ask request(long n) {
        return asks.get((int) (n % asks.size()));
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public Verdict judge(Ask ask, byte[] body, boolean sampled) {
        OcspAnswer answer = OcspAnswer.read(body);
        boolean successful = answer.responseStatus() == OcspAnswer.SUCCESSFUL;
        String label = successful ? answer.certStatus() : OcspAnswer.statusName(answer.responseStatus());
        if (successful && ask.serial() != null && !Arrays.equals(answer.serial(), ask.serial())) {
            return Verdict.failed("another serial's answer");
        }
        if (successful && ask.nonce() != null && Bytes.indexOf(body, ask.nonce()) < 0) {
            return Verdict.failed("nonce not echoed");
        }
        if (sampled) {
            String disagreement = parsed(body, answer, samples.incrementAndGet() % VERIFY_EVERY_SAMPLE == 1);
            if (disagreement != null) {
                return Verdict.failed(disagreement);
            }
        }
        if (ask.expected() == null ? !successful : !label.equals(ask.expected())) {
            return Verdict.failed(ask.expected() == null ? label : label + ", expected " + ask.expected());
        }
        return Verdict.ok(label);
    }

    /** Bouncy Castle's reading against the cheap one (and the signature, with {@code verify}): null when all agree. */
    private static String parsed(byte[] body, OcspAnswer answer, boolean verify) {
        try {
            OCSPResp response = new OCSPResp(body);
            if (response.getStatus() != answer.responseStatus()) {
                return "response status misread";
            }
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return null;
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            SingleResp single = basic.getResponses()[0];
            String status = switch (single.getCertStatus()) {
                case null -> "good";
                case RevokedStatus revoked -> "revoked";
                case UnknownStatus unknown -> "unknown";
                default -> "?";
            };
            if (!Arrays.equals(single.getCertID().getSerialNumber().toByteArray(), answer.serial())
                    || !status.equals(answer.certStatus())) {
                return "misread: Bouncy Castle reads " + status;
            }
            X509CertificateHolder[] certificates = basic.getCerts();
            if (verify && certificates.length > 0
                    && !basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(certificates[0]))) {
                return "signature does not verify";
            }
            return null;
        } catch (Exception e) {
            return "unreadable by Bouncy Castle: " + e.getClass().getSimpleName();
        }
    }
}

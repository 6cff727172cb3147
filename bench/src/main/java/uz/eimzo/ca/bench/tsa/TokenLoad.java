package uz.eimzo.ca.bench.tsa;

import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import uz.eimzo.ca.bench.load.Bytes;
import uz.eimzo.ca.bench.load.LoadResult;
import uz.eimzo.ca.bench.load.NioLoad;
import uz.eimzo.ca.bench.load.Plan;
import uz.eimzo.ca.bench.load.Workload;

import java.io.IOException;
import java.util.List;

/**
 * Time-stamp requests on {@value #CONCURRENCY} keep-alive HTTP/1.1 connections from one thread and one selector
 * ({@link NioLoad}), so the load costs the 2-core machine as little as possible. Each connection sends its next
 * pre-encoded request when the answer to the last one is complete. Every answer is checked: HTTP 200,
 * {@code application/timestamp-reply}, status granted and the request's nonce in the token; one in 64 is also parsed by
 * Bouncy Castle and validated against its request (nonce, imprint, signer certificate present).
 */
final class TokenLoad implements Workload<TokenLoad.Request> {

    static final int CONCURRENCY = Plan.CONNECTIONS;

    /** A request as sent: the whole HTTP message, its nonce's DER encoding, and the DER of the query alone. */
    record Request(byte[] http, byte[] nonce, byte[] query) implements Workload.Request {
    }

    /** Granted, checked answers per second, the median and 99th percentile latency, and the answers that failed a check. */
    record Pass(double rate, double p50Millis, double p99Millis, long failed) {
    }

    private final List<Request> requests;

    private TokenLoad(List<Request> requests) {
        this.requests = requests;
    }

    static Pass pass(int port, List<Request> requests, long millis) throws IOException {
        LoadResult result = new NioLoad().run(port, Plan.timed(CONCURRENCY, 0, millis), new TokenLoad(requests));
        return new Pass(result.rate(), result.p50Millis(), result.p99Millis(), result.failed());
    }

    @Override
    public Request request(long n) {
        return requests.get((int) (n % requests.size()));
    }

    @Override
    public String contentType() {
        return "application/timestamp-reply";
    }

    @Override
    public Verdict judge(Request request, byte[] body, boolean sampled) {
        return check(body, request, sampled) ? Verdict.ok("granted") : Verdict.failed("not granted, or not for its request");
    }

    /** Status granted and the nonce echoed; with {@code full}, the token validated against its request too. */
    static boolean check(byte[] reply, Request request, boolean full) {
        // TimeStampResp ::= SEQUENCE { status PKIStatusInfo ::= SEQUENCE { status INTEGER (0 = granted) ... } ... }
        int status = skipHeader(reply, skipHeader(reply, 0));
        if (status + 2 >= reply.length || reply[status] != 0x02 || reply[status + 1] != 0x01 || reply[status + 2] != 0) {
            return false;
        }
        if (Bytes.indexOf(reply, request.nonce()) < 0) {
            return false;
        }
        if (!full) {
            return true;
        }
        try {
            TimeStampResponse response = new TimeStampResponse(reply);
            response.validate(new TimeStampRequest(request.query()));
            return response.getTimeStampToken().getCertificates().getMatches(null).size() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    /** The offset of the content of the DER element at {@code offset}. */
    private static int skipHeader(byte[] der, int offset) {
        if (offset + 1 >= der.length) {
            return der.length;
        }
        int length = der[offset + 1] & 0xFF;
        return offset + 2 + (length > 0x80 ? length - 0x80 : 0);
    }
}

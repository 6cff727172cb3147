package uz.eimzo.ca.bench.load;

import java.util.List;

/**
 * What a load sends and how each answer is judged. The drivers ask for the n-th request and hand every answer that came
 * with HTTP 200 and {@link #contentType()} to {@link #judge}; any other answer fails before it gets there.
 *
 * @param <R> the requests, each carrying what its answer is checked against
 */
public interface Workload<R extends Workload.Request> {

    /** One request as sent: the whole HTTP/1.1 message, encoded beforehand so that sending it costs no encoding. */
    interface Request {
        byte[] http();
    }

    /** A request that carries nothing to check its answer against. */
    record Plain(byte[] http) implements Request {
    }

    /** How one answer counts: under a label (good, revoked, granted, …), as a success or not. */
    record Verdict(boolean ok, String label) {

        public static Verdict ok(String label) {
            return new Verdict(true, label);
        }

        public static Verdict failed(String reason) {
            return new Verdict(false, reason);
        }
    }

    /** Judges one answer's body. */
    @FunctionalInterface
    interface Judge<R> {
        /** @param sampled true for one answer in {@value Tally#SAMPLE_EVERY}: check it in full, not only its key bytes */
        Verdict judge(R request, byte[] body, boolean sampled);
    }

    /** The n-th request of a pass (n counts from 0); called on the drivers' threads, so it should only look up. */
    R request(long n);

    /** The media type every answer must have (parameters such as a charset are ignored). */
    String contentType();

    /** An answer that came with HTTP 200 and the content type. */
    Verdict judge(R request, byte[] body, boolean sampled);

    /** The requests in turn, over and over; each answer judged by {@code judge}. */
    static <R extends Request> Workload<R> of(List<R> requests, String contentType, Judge<R> judge) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests");
        }
        return new Workload<>() {
            @Override
            public R request(long n) {
                return requests.get((int) (n % requests.size()));
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public Verdict judge(R request, byte[] body, boolean sampled) {
                return judge.judge(request, body, sampled);
            }
        };
    }
}

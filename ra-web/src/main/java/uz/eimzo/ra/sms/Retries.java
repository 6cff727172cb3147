package uz.eimzo.ra.sms;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How a text is tried until a gateway takes it: at most {@code attempts} times, with {@code backoff} before the second
 * try, doubled before each further one. Only a 5xx answer or no answer at all (a timeout, a refused connection) is
 * tried again; any other answer is final, since the same text would be refused again.
 */
public record Retries(int attempts, Duration backoff) {

    public Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("At least one attempt");
        }
    }

    /**
     * Calls {@code once} (which answers the gateway's HTTP status, 0 when nothing answered) until it answers 2xx.
     *
     * @throws SmsSender.Failed naming {@code call}, the last status and the attempts, never the text
     */
    void send(String call, IntSupplier once) {
        Duration pause = backoff;
        for (int attempt = 1; ; attempt++) {
            int status = once.getAsInt();
            if (status / 100 == 2) {
                return;
            }
            if (!retryable(status) || attempt >= attempts) {
                throw new SmsSender.Failed(call + " " + (status == 0 ? "did not answer" : "answered HTTP " + status)
                        + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s"));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmsSender.Failed("Interrupted while sending an SMS");
            }
            pause = pause.multipliedBy(2);
        }
    }

    /** 0 stands for no answer at all (timeout, refused connection). */
    static boolean retryable(int status) {
        return status == 0 || status / 100 == 5;
    }
}

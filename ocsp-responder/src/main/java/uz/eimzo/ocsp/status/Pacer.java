package uz.eimzo.ocsp.status;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Spaces out work shared by several threads to at most a given number of permits a second, so that a cold pre-signer
 * leaves the processor to requests (a revocation must still be answered within a second under load). Time that was
 * not used is not saved up: after a pause the pace resumes, it does not burst.
 */
final class Pacer {

    /** Sleeps the calling thread for that many nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final AtomicLong next;

    /** @param perSecond at most this many permits a second over all threads; 0 or less: no limit */
    Pacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.next = new AtomicLong(nanoTime.getAsLong());
    }

    static Pacer perSecond(double perSecond) {
        return new Pacer(perSecond, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Waits until this thread may do one more unit of work. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        long slot = next.getAndUpdate(planned -> Math.max(planned, now) + intervalNanos);
        long wait = slot - now;
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }
}

package uz.eimzo.ca.bench.tsa;

import uz.eimzo.ca.keys.SigningKey;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling a token's signature cannot beat: our {@code SigningKey} signing bytes the size of a token's signed
 * attributes, on one and two threads, measured in the same run as the load so the machine's state is the same.
 */
final class SigningRate {

    private SigningRate() {
    }

    /**
     * @param perSecond    signatures per second of wall-clock time
     * @param cpuMicros    CPU time one signature took (the signing threads' CPU time over the signatures made): on a
     *                     machine shared with other work this, unlike the rate, does not depend on what else runs
     */
    record Rate(double perSecond, double cpuMicros) {
    }

    /** Signatures on {@code threads} threads, after a warm-up of the same length. */
    static Rate measure(SigningKey key, int threads, long millis) throws InterruptedException {
        byte[] signedAttributes = new byte[240];
        new SecureRandom().nextBytes(signedAttributes);
        run(key, threads, millis, signedAttributes);
        return run(key, threads, millis, signedAttributes);
    }

    private static Rate run(SigningKey key, int threads, long millis, byte[] data) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long mine = 0;
                while (!stop.get()) {
                    key.sign(data);
                    mine++;
                }
                count.addAndGet(mine);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        TimeUnit.MILLISECONDS.sleep(millis);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return new Rate(count.get() / ((System.nanoTime() - start) / 1e9), cpuNanos.get() / 1e3 / count.get());
    }
}

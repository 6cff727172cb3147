package uz.eimzo.ocsp.status;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.protocol.Answer;
import uz.eimzo.ocsp.protocol.OcspRequests;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory layout of pre-signed answers measured in one JVM, without HTTP or PostgreSQL (docs/ocsp-crl.md, "Slabs
 * instead of an array per answer"): N answers of the size a P-256 key signs (one real answer, copied with its bytes
 * varied), two threads serving uniformly random ones as the responder does, a third re-storing answers at a sweep's
 * rate; reports serves a second, collections and heap. Not a test; run by hand with a large heap:
 *
 * <pre>java -Xmx8g -cp ... uz.eimzo.ocsp.status.PresignedStoreBench objects|slabs [N] [seconds] [restores/s] [cache]</pre>
 *
 * {@code objects} is the layout and serve path before the slabs (one {@code byte[]} per answer in an
 * {@code AtomicReferenceArray}, copied, the certificate spliced in by three nested copies, a SHA-1 ETag over the
 * whole response at every serve); {@code slabs} is {@link AnswerSlabs} and the serve path of {@link PresignedAnswers}.
 * {@code cache}: each served answer is also put into a {@link ResponseCache} of 1,000,000 entries, as OcspResponder does.
 * It lives in the responder's test sources because bench/ may not depend on the responder (architecture rules).
 */
public final class PresignedStoreBench {

    private static final int HEADER = 18;
    private static final int PREFIX = HEADER + 20;

    private PresignedStoreBench() {
    }

    /** One layout: keep an answer at a position, serve the one at a position. */
    private interface Store {
        void put(int position, byte[] bare, long thisUpdate);

        Object serve(int position, byte[] state, long now);
    }

    public static void main(String[] args) throws Exception {
        String layout = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int restoreRate = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        boolean cached = args.length > 4 && "cache".equals(args[4]);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name("CN=bench responder");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(30))), name,
                pair.getPublic()).build(signer));
        byte[] bare = OcspResponses.signWithoutCertificate(new Answer(OcspRequests.sha1CertId(new byte[20], new byte[20],
                        BigInteger.ONE.shiftLeft(126).add(BigInteger.valueOf(12345))), Answer.State.GOOD, null, null, now,
                now.plus(Duration.ofHours(12))), signer, new byte[20], now);
        byte[] state = new byte[HEADER - 8];
        state[9] = -1;
        byte[] certificateHash = Certificates.sha1(certificate.getEncoded());

        Store store = switch (layout) {
            case "objects" -> objects(n, certificate);
            case "slabs" -> slabs(n, bare.length + PREFIX + 16, certificate, certificateHash);
            default -> throw new IllegalArgumentException("objects or slabs, not " + layout);
        };
        ResponseCache cache = cached ? new ResponseCache(1_000_000, Clock.systemUTC()) : null;

        long fillStarted = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.put(i, varied(bare, i), now.getEpochSecond());
        }
        long fillMillis = (System.nanoTime() - fillStarted) / 1_000_000;
        System.gc();
        long liveAfterFill = used();
        Gcs before = Gcs.now();

        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder served = new LongAdder();
        LongAdder restored = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().name("serve-" + t).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long epochNow = now.getEpochSecond();
                while (running.get()) {
                    int position = random.nextInt(n);
                    Object answer = store.serve(position, state, epochNow);
                    if (answer == null) {
                        throw new IllegalStateException("nothing served at " + position);
                    }
                    if (cache != null) {
                        cache.put(new ResponseCache.Key(1, BigInteger.valueOf(position), "1.3.14.3.2.26"),
                                (ResponseCache.Entry) answer, cache.stamp());
                    }
                    served.increment();
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("restore").start(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long started = System.nanoTime();
            while (running.get()) {
                store.put(random.nextInt(n), varied(bare, random.nextInt()), now.getEpochSecond());
                restored.increment();
                long due = started + restored.sum() * 1_000_000_000L / restoreRate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }));
        long started = System.nanoTime();
        long peak = 0;
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(seconds)) {
            Thread.sleep(100);
            peak = Math.max(peak, used());
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Gcs after = Gcs.now();
        System.out.printf(Locale.ROOT, "layout=%s%s n=%d seconds=%.1f restores/s=%.0f load=%s%n", layout,
                cached ? "+cache" : "", n, elapsed, restored.sum() / elapsed, load());
        System.out.printf(Locale.ROOT, "fill %d ms, live heap after fill %d MB%n", fillMillis, liveAfterFill >> 20);
        System.out.printf(Locale.ROOT, "served %.0f/s (2 threads)%n", served.sum() / elapsed);
        for (String collector : after.counts.keySet()) {
            long count = after.counts.get(collector) - before.counts.getOrDefault(collector, 0L);
            long millis = after.millis.get(collector) - before.millis.getOrDefault(collector, 0L);
            System.out.printf(Locale.ROOT, "gc %-28s %5d collections, %6d ms, %.1f ms each%n", collector, count, millis,
                    count == 0 ? 0.0 : (double) millis / count);
        }
        System.out.printf(Locale.ROOT, "heap used: peak %d MB, at end %d MB%n", peak >> 20, used() >> 20);
    }

    private static byte[] varied(byte[] bare, int salt) {
        byte[] copy = bare.clone();
        // The signature's last bytes: the content does not matter here, only that every answer is an array of its own.
        ByteBuffer.wrap(copy).putInt(copy.length - 4, salt);
        return copy;
    }

    /** Before the slabs: as PresignedAnswers kept and served answers until then. */
    private static Store objects(int n, X509Certificate certificate) {
        AtomicReferenceArray<byte[]> answers = new AtomicReferenceArray<>(n);
        return new Store() {
            @Override
            public void put(int position, byte[] bare, long thisUpdate) {
                ByteBuffer out = ByteBuffer.allocate(HEADER + bare.length);
                out.putLong(thisUpdate).put((byte) 0).putLong(0).put((byte) -1);
                answers.set(position, out.put(bare).array());
            }

            @Override
            public Object serve(int position, byte[] state, long now) {
                byte[] stored = answers.get(position);
                if (stored == null || !Arrays.equals(stored, 8, HEADER, state, 0, state.length)) {
                    return null;
                }
                Instant thisUpdate = Instant.ofEpochSecond(ByteBuffer.wrap(stored).getLong(0));
                byte[] der = OcspResponses.withCertificate(Arrays.copyOfRange(stored, HEADER, stored.length), certificate);
                String etag = "\"" + HexFormat.of().formatHex(Certificates.sha1(der)) + "\"";
                return new ResponseCache.Entry(der, Answer.State.GOOD, thisUpdate, thisUpdate.plus(Duration.ofHours(12)),
                        thisUpdate.plus(Duration.ofHours(9)), etag);
            }
        };
    }

    /** The slabs, with the record and the serve path of PresignedAnswers. */
    private static Store slabs(int n, int longest, X509Certificate certificate, byte[] certificateHash) {
        AnswerSlabs slabs = new AnswerSlabs(n, longest);
        return new Store() {
            @Override
            public void put(int position, byte[] bare, long thisUpdate) {
                byte[] etag = Certificates.sha1(ByteBuffer.allocate(bare.length + 20).put(bare).put(certificateHash).array());
                slabs.put(position, ByteBuffer.allocate(PREFIX + bare.length).putLong(thisUpdate).put((byte) 0)
                        .putLong(0).put((byte) -1).put(etag).put(bare).array());
            }

            @Override
            public Object serve(int position, byte[] state, long now) {
                long servedFor = Duration.ofHours(9).toSeconds();
                record Served(long thisUpdate, byte[] der, String etag) {
                }
                Served served = slabs.get(position, (slab, offset, length) -> {
                    long thisUpdate = ByteBuffer.wrap(slab, offset, 8).getLong();
                    if (length <= PREFIX || !Arrays.equals(slab, offset + 8, offset + HEADER, state, 0, state.length)
                            || now >= thisUpdate + servedFor) {
                        return null;
                    }
                    return new Served(thisUpdate, OcspResponses.withCertificate(slab, offset + PREFIX, length - PREFIX,
                            certificate), "\"" + HexFormat.of().formatHex(slab, offset + HEADER, offset + PREFIX) + "\"");
                });
                if (served == null) {
                    return null;
                }
                Instant thisUpdate = Instant.ofEpochSecond(served.thisUpdate());
                return new ResponseCache.Entry(served.der(), Answer.State.GOOD, thisUpdate, thisUpdate.plus(Duration.ofHours(12)),
                        Instant.ofEpochSecond(served.thisUpdate() + servedFor), served.etag());
            }
        };
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String load() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private record Gcs(Map<String, Long> counts, Map<String, Long> millis) {
        static Gcs now() {
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Long> millis = new TreeMap<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                counts.put(gc.getName(), gc.getCollectionCount());
                millis.put(gc.getName(), gc.getCollectionTime());
            }
            return new Gcs(counts, millis);
        }
    }
}

package uz.eimzo.ocsp.status;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import uz.eimzo.ocsp.protocol.Answer;
import uz.eimzo.ocsp.protocol.CertId;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Signed responses without a nonce, kept per CA, serial and CertID hash algorithm until they are due for
 * refresh or the certificate's status changes; and the statuses read for requests with a nonce, which must be
 * signed afresh but need not read the database again. Every responder instance keeps its own and drops entries
 * on the database's NOTIFY, so scaling out needs no shared cache.
 *
 * <p>Each map is a Caffeine cache bounded in size: its admission policy (W-TinyLFU) keeps frequently asked answers
 * and lets a flood of one-off serials evict only each other, where a map cleared whole when full would drop every
 * hot answer at once. Entries expire at their refresh time on the injected clock.
 */
public final class ResponseCache {

    /** A cache key: one certificate as named with one hash algorithm. */
    public record Key(int caId, BigInteger serial, String hashAlgorithm) {
    }

    /** A signed response, the certificate status it states, and the times HTTP caching headers are derived from. */
    public record Entry(byte[] der, Answer.State state, Instant thisUpdate, Instant nextUpdate, Instant refreshAfter,
                        String etag) {
    }

    private record StateKey(int caId, BigInteger serial) {
    }

    private record KeptState(CertificateState state, Instant refreshAfter) {
    }

    private final Cache<Key, Entry> entries;
    private final Cache<StateKey, KeptState> states;
    // Exact request bytes (no nonce, one certificate) -> key: a repeated request skips ASN.1 parsing altogether.
    // It only names a key; whether an answer is cached, and fresh, is still decided by entries.
    private final Cache<ByteBuffer, Key> requests;
    // Bumped on every invalidation: a response computed from a read that an invalidation overtook is not kept.
    private final AtomicLong generation = new AtomicLong();

    /** @param clock decides when entries are due for refresh, as it does for the responder that fills them */
    public ResponseCache(int maxEntries, Clock clock) {
        entries = bounded(maxEntries, clock).expireAfter(Expiry.writing((Key key, Entry entry) ->
                until(entry.refreshAfter(), clock))).build();
        states = bounded(maxEntries, clock).expireAfter(Expiry.writing((StateKey key, KeptState kept) ->
                until(kept.refreshAfter(), clock))).build();
        requests = bounded(maxEntries, clock).build();
    }

    private static Caffeine<Object, Object> bounded(int maxEntries, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Eviction work is done by the request that caused it: the bound holds even when every thread is busy.
                .executor(Runnable::run)
                .recordStats();
    }

    private static Duration until(Instant refreshAfter, Clock clock) {
        Duration left = Duration.between(clock.instant(), refreshAfter);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public Entry get(Key key, Instant now) {
        return current(entries, key, now, Entry::refreshAfter);
    }

    /** The cached answer to exactly these request bytes, if they were seen before and the answer is still current. */
    public Entry getByRequest(byte[] request, Instant now) {
        Key key = requests.getIfPresent(ByteBuffer.wrap(request));
        return key == null ? null : get(key, now);
    }

    /**
     * Remembers which certificate a nonce-free single-certificate request names.
     *
     * @return true when these request bytes were remembered already (asked before, and not evicted since)
     */
    public boolean rememberRequest(byte[] request, Key key) {
        ByteBuffer bytes = ByteBuffer.wrap(request);
        if (requests.getIfPresent(bytes) != null) {
            return true;
        }
        return requests.asMap().putIfAbsent(ByteBuffer.wrap(request.clone()), key) != null;
    }

    /** Take this before reading the status from the database; pass it to {@link #put}. */
    public long stamp() {
        return generation.get();
    }

    public void put(Key key, Entry entry, long stamp) {
        keep(entries, key, entry, stamp);
    }

    /** The status last read for this certificate, while it is current; null when it must be read again. */
    public CertificateState state(int caId, BigInteger serial, Instant now) {
        KeptState kept = current(states, new StateKey(caId, serial), now, KeptState::refreshAfter);
        return kept == null ? null : kept.state();
    }

    /**
     * Keeps a status read from the database after {@code stamp} was taken, unless an invalidation came in
     * between. "Unknown" is never kept: the serial may be a certificate being issued right now.
     */
    public void putState(int caId, CertificateState state, Instant refreshAfter, long stamp) {
        if ("UNKNOWN".equals(state.status())) {
            return;
        }
        keep(states, new StateKey(caId, state.serial()), new KeptState(state, refreshAfter), stamp);
    }

    /** Drops every cached answer about one certificate. */
    public void invalidate(int caId, BigInteger serial) {
        generation.incrementAndGet();
        states.invalidate(new StateKey(caId, serial));
        for (String algorithm : List.of(CertId.SHA1, CertId.SHA256)) {
            entries.invalidate(new Key(caId, serial, algorithm));
        }
    }

    /** Drops everything: after missed notifications or a responder key change. */
    public void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
        states.invalidateAll();
        requests.invalidateAll();
    }

    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, entries.estimatedSize());
    }

    /** Caffeine's own meters ({@code cache.gets}, {@code cache.evictions}, ...) for each of the three caches. */
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, entries, "ocsp.responses");
        CaffeineCacheMetrics.monitor(registry, states, "ocsp.statuses");
        CaffeineCacheMetrics.monitor(registry, requests, "ocsp.requests");
    }

    /** The value under key unless it is past its refresh time at {@code now} (the caller's clock decides). */
    private static <K, V> V current(Cache<K, V> cache, K key, Instant now, Function<V, Instant> refreshAfter) {
        V value = cache.getIfPresent(key);
        if (value != null && now.isAfter(refreshAfter.apply(value))) {
            cache.asMap().remove(key, value);
            return null;
        }
        return value;
    }

    /** Keeps a value computed after {@code stamp} was taken, unless an invalidation came in between. */
    private <K, V> void keep(Cache<K, V> cache, K key, V value, long stamp) {
        cache.put(key, value);
        if (generation.get() != stamp) {
            cache.asMap().remove(key, value);
        }
    }
}

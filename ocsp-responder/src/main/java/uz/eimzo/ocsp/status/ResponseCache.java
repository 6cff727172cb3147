package uz.eimzo.ocsp.status;

import uz.eimzo.ocsp.protocol.Answer;
import uz.eimzo.ocsp.protocol.CertId;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed responses without a nonce, kept per CA, serial and CertID hash algorithm until they are due for
 * refresh or the certificate's status changes; and the statuses read for requests with a nonce, which must be
 * signed afresh but need not read the database again. Every responder instance keeps its own and drops entries
 * on the database's NOTIFY, so scaling out needs no shared cache.
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

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StateKey, KeptState> states = new ConcurrentHashMap<>();
    // Exact request bytes (no nonce, one certificate) -> key: a repeated request skips ASN.1 parsing altogether.
    // It only names a key; whether an answer is cached, and fresh, is still decided by entries.
    private final ConcurrentHashMap<ByteBuffer, Key> requests = new ConcurrentHashMap<>();
    // Bumped on every invalidation: a response computed from a read that an invalidation overtook is not kept.
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;

    public ResponseCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Entry get(Key key, Instant now) {
        Entry entry = entries.get(key);
        if (entry != null && now.isAfter(entry.refreshAfter())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    /** The cached answer to exactly these request bytes, if they were seen before and the answer is still current. */
    public Entry getByRequest(byte[] request, Instant now) {
        Key key = requests.get(ByteBuffer.wrap(request));
        return key == null ? null : get(key, now);
    }

    /** Remembers which certificate a nonce-free single-certificate request names. */
    public void rememberRequest(byte[] request, Key key) {
        if (requests.size() >= maxEntries) {
            requests.clear();
        }
        requests.putIfAbsent(ByteBuffer.wrap(request.clone()), key);
    }

    /** Take this before reading the status from the database; pass it to {@link #put}. */
    public long stamp() {
        return generation.get();
    }

    public void put(Key key, Entry entry, long stamp) {
        if (entries.size() >= maxEntries) {
            // Crude but bounded: a full cache starts over rather than growing without limit.
            entries.clear();
        }
        entries.put(key, entry);
        if (generation.get() != stamp) {
            entries.remove(key, entry);
        }
    }

    /** The status last read for this certificate, while it is current; null when it must be read again. */
    public CertificateState state(int caId, BigInteger serial, Instant now) {
        StateKey key = new StateKey(caId, serial);
        KeptState kept = states.get(key);
        if (kept != null && now.isAfter(kept.refreshAfter())) {
            states.remove(key, kept);
            return null;
        }
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
        if (states.size() >= maxEntries) {
            states.clear();
        }
        StateKey key = new StateKey(caId, state.serial());
        KeptState kept = new KeptState(state, refreshAfter);
        states.put(key, kept);
        if (generation.get() != stamp) {
            states.remove(key, kept);
        }
    }

    /** Drops every cached answer about one certificate. */
    public void invalidate(int caId, BigInteger serial) {
        generation.incrementAndGet();
        states.remove(new StateKey(caId, serial));
        for (String algorithm : List.of(CertId.SHA1, CertId.SHA256)) {
            entries.remove(new Key(caId, serial, algorithm));
        }
    }

    /** Drops everything: after missed notifications or a responder key change. */
    public void clear() {
        generation.incrementAndGet();
        entries.clear();
        states.clear();
        requests.clear();
    }

    public int size() {
        return entries.size();
    }
}

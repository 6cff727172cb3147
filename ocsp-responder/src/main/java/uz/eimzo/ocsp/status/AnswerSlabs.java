package uz.eimzo.ocsp.status;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Byte strings of bounded length kept by position (one slot per position of a {@link SerialTable}) in a few large
 * byte arrays instead of one array each.
 *
 * <p>Why: ten million pre-signed answers held as ten million {@code byte[]} in the old generation, each replaced every
 * few hours by a sweep, cost the collector card scanning and remembered-set work for every replacement and a header
 * and a reference per answer (docs/ocsp-crl.md, "Slabs instead of an array per answer"). Here the answers are the
 * contents of arrays the collector never has to look into (they hold no references), allocated once per
 * {@value #SLAB_BYTES}-byte slab, lazily as positions in it are first written.
 *
 * <p>Slot: the length (2 bytes; 0 = nothing stored), then the bytes. A slot is re-written in place under a per-slot
 * sequence number (a seqlock): the writer makes it odd, writes, makes it even again; a reader copies and keeps the copy
 * only if the sequence was even and unchanged around it. Chosen over writing each new answer into a fresh slot and
 * publishing its offset because that needs free-space management (a slab area per generation, compaction or twice
 * the memory), while a slot is re-written only every few hours, so a reader almost never retries; the price is 4
 * bytes a slot for the sequence.
 */
final class AnswerSlabs {

    /**
     * Bytes per slab: 16 MiB less a little, so that with G1 regions of 1-16 MiB a slab is a humongous object filling
     * whole regions (allocated in the old generation directly, never copied), and with larger regions a plain one.
     */
    static final int SLAB_BYTES = (16 << 20) - 64;
    /** Longest byte string a slot can hold (the length is two bytes). */
    static final int MAX_SLOT = 0xFFFF;

    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int LENGTH = 2;

    /** Copies what it needs out of a slot; may be called again when a writer overtook the copy, so it only reads. */
    @FunctionalInterface
    interface Reader<T> {
        T read(byte[] slab, int offset, int length);
    }

    private final int positions;
    private final int slotBytes;
    private final int slotsPerSlab;
    private final int[] sequences;
    private final AtomicReferenceArray<byte[]> slabs;
    private final AtomicLong held = new AtomicLong();
    private volatile boolean released;

    /**
     * @param positions how many slots (positions 0 .. positions - 1)
     * @param longest   the longest byte string to be kept; a longer one is refused by {@link #put}
     */
    AnswerSlabs(int positions, int longest) {
        if (longest < 1 || longest > MAX_SLOT) {
            throw new IllegalArgumentException("slot length must be 1.." + MAX_SLOT + ", not " + longest);
        }
        this.positions = positions;
        this.slotBytes = LENGTH + longest;
        this.slotsPerSlab = SLAB_BYTES / slotBytes;
        this.sequences = new int[positions];
        this.slabs = new AtomicReferenceArray<>((positions + slotsPerSlab - 1) / slotsPerSlab);
    }

    /** The longest byte string a slot holds. */
    int longest() {
        return slotBytes - LENGTH;
    }

    /** Slots holding something. */
    long held() {
        return held.get();
    }

    /** Bytes of slabs allocated. */
    long allocatedBytes() {
        long bytes = 0;
        for (int i = 0; i < slabs.length(); i++) {
            byte[] slab = slabs.get(i);
            bytes += slab == null ? 0 : slab.length;
        }
        return bytes;
    }

    /**
     * Keeps bytes at a position, replacing what was there; false (and nothing changed) when they are longer than a
     * slot or the slabs were released.
     *
     * @return false when the bytes do not fit a slot; the caller keeps them elsewhere or not at all
     */
    boolean put(int position, byte[] bytes) {
        if (bytes.length == 0 || bytes.length > longest()) {
            return false;
        }
        byte[] slab = slabFor(position);
        if (slab == null) {
            return false;
        }
        int at = offset(position);
        int sequence = lock(position);
        boolean wasEmpty = length(slab, at) == 0;
        slab[at] = (byte) (bytes.length >>> 8);
        slab[at + 1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, slab, at + LENGTH, bytes.length);
        // Release: the bytes above are visible to a reader that sees the new even sequence.
        SEQUENCES.setRelease(sequences, position, sequence + 2);
        if (wasEmpty) {
            held.incrementAndGet();
        }
        return true;
    }

    /** What the reader made of the bytes at a position, never of a slot half re-written; null when nothing is there. */
    <T> T get(int position, Reader<T> reader) {
        if (position < 0 || position >= positions) {
            throw new IndexOutOfBoundsException(position);
        }
        byte[] slab = slabs.get(position / slotsPerSlab);
        if (slab == null) {
            return null;
        }
        int at = offset(position);
        while (true) {
            int before = (int) SEQUENCES.getAcquire(sequences, position);
            if ((before & 1) == 0) {
                int length = length(slab, at);
                T read;
                try {
                    read = length == 0 || length > longest() ? null : reader.read(slab, at + LENGTH, length);
                } catch (RuntimeException e) {
                    // Bytes half re-written may make no sense to the reader: only an intact slot's failure counts.
                    VarHandle.acquireFence();
                    if ((int) SEQUENCES.getOpaque(sequences, position) == before) {
                        throw e;
                    }
                    continue;
                }
                // Orders the copy above before the second read of the sequence (StampedLock.validate does the same).
                VarHandle.acquireFence();
                if ((int) SEQUENCES.getOpaque(sequences, position) == before) {
                    return read;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Drops every slab (a CA no longer served, or answers for another key or load): reads and writes find nothing. */
    void release() {
        released = true;
        for (int i = 0; i < slabs.length(); i++) {
            slabs.set(i, null);
        }
        held.set(0);
    }

    private byte[] slabFor(int position) {
        if (position < 0 || position >= positions) {
            throw new IndexOutOfBoundsException(position);
        }
        int index = position / slotsPerSlab;
        byte[] slab = slabs.get(index);
        if (slab == null && !released) {
            int slots = Math.min(slotsPerSlab, positions - index * slotsPerSlab);
            slabs.compareAndSet(index, null, new byte[slots * slotBytes]);
            slab = slabs.get(index);
        }
        return released ? null : slab;
    }

    /** Makes the slot's sequence odd (two sweeps never write one slot at once, but the lock does not rely on that). */
    private int lock(int position) {
        while (true) {
            int sequence = (int) SEQUENCES.getOpaque(sequences, position);
            // A volatile compare-and-set: the writes that follow cannot be seen before the odd sequence.
            if ((sequence & 1) == 0 && SEQUENCES.compareAndSet(sequences, position, sequence, sequence + 1)) {
                return sequence;
            }
            Thread.onSpinWait();
        }
    }

    private int offset(int position) {
        return (position % slotsPerSlab) * slotBytes;
    }

    private static int length(byte[] slab, int at) {
        return (slab[at] & 0xFF) << 8 | slab[at + 1] & 0xFF;
    }
}

package uz.eimzo.ocsp.status;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerSlabsTest {

    private static final AnswerSlabs.Reader<byte[]> COPY = (slab, offset, length) -> Arrays.copyOfRange(slab, offset, offset + length);

    @Test
    void returnsWhatWasStoredAtEachPositionWhateverItsLength() {
        // More positions than one slab holds, so positions in the second slab are read too.
        int positions = AnswerSlabs.SLAB_BYTES / 302 + 1_000;
        AnswerSlabs slabs = new AnswerSlabs(positions, 300);
        Random random = new Random(17);
        byte[][] stored = new byte[positions][];
        for (int position = 0; position < positions; position += 7) {
            stored[position] = new byte[1 + random.nextInt(300)];
            random.nextBytes(stored[position]);
            assertThat(slabs.put(position, stored[position])).isTrue();
        }

        for (int position = 0; position < positions; position++) {
            assertThat(slabs.get(position, COPY)).as("position %d", position).isEqualTo(stored[position]);
        }
        assertThat(slabs.held()).isEqualTo((positions + 6) / 7);
    }

    @Test
    void aSlotReWrittenWhileItIsReadIsNeverReadHalfOldHalfNew() throws Exception {
        AnswerSlabs slabs = new AnswerSlabs(1, 400);
        slabs.put(0, pattern(0));
        AtomicBoolean writing = new AtomicBoolean(true);
        // Every version is self-describing (its length and every byte follow from its first byte), so a torn read shows.
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int version = 1; writing.get(); version++) {
                slabs.put(0, pattern(version));
            }
        });
        AtomicLong reads = new AtomicLong();
        byte[] torn = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (torn == null && System.nanoTime() < deadline) {
                byte[] read = slabs.get(0, COPY);
                reads.incrementAndGet();
                if (!Arrays.equals(read, pattern(read[0] & 0xFF))) {
                    torn = read;
                }
            }
        } finally {
            writing.set(false);
            writer.join();
        }

        assertThat(torn).as("a read of a slot being re-written, after %d reads", reads.get()).isNull();
    }

    @Test
    void bytesLongerThanASlotAreRefusedAndLeaveTheSlotAsItWas() {
        AnswerSlabs slabs = new AnswerSlabs(10, 300);
        byte[] before = pattern(5);
        slabs.put(3, before);

        boolean kept = slabs.put(3, new byte[301]);

        assertThat(kept).isFalse();
        assertThat(slabs.get(3, COPY)).isEqualTo(before);
    }

    @Test
    void slabsAreAllocatedOnlyWhereSomethingIsStored() {
        AnswerSlabs slabs = new AnswerSlabs(10_000_000, 300);

        slabs.put(9_999_999, pattern(1));

        assertThat(slabs.allocatedBytes()).isLessThanOrEqualTo(AnswerSlabs.SLAB_BYTES);
    }

    @Test
    void releasingDropsEverySlabAndLaterReadsAndWritesFindNothing() {
        AnswerSlabs slabs = new AnswerSlabs(200_000, 300);
        for (int position = 0; position < 200_000; position += 1_000) {
            slabs.put(position, pattern(position));
        }
        assertThat(slabs.allocatedBytes()).isPositive();

        slabs.release();

        assertThat(slabs.allocatedBytes()).isZero();
        assertThat(slabs.held()).isZero();
        assertThat(slabs.get(0, COPY)).isNull();
        assertThat(slabs.put(0, pattern(1))).isFalse();
        assertThat(slabs.allocatedBytes()).isZero();
    }

    /** 20 to 275 bytes, each the low byte of the version. */
    private static byte[] pattern(int version) {
        byte[] bytes = new byte[20 + (version & 0xFF)];
        Arrays.fill(bytes, (byte) version);
        return bytes;
    }
}

package uz.eimzo.ocsp.status;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable sorted set of positive serial numbers below 2^127, packed as two longs each (16 bytes per serial, no
 * per-entry objects), searched by bisection. Our CA issues 127-bit random serials, so every certificate it issued
 * fits; anything larger is kept elsewhere by the caller ({@link #fits}).
 */
final class SerialTable {

    static final SerialTable EMPTY = new SerialTable(new long[0]);

    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(127);

    // hi0, lo0, hi1, lo1, ... ascending; hi is non-negative (the serial is below 2^127), lo compares unsigned.
    private final long[] packed;

    private SerialTable(long[] packed) {
        this.packed = packed;
    }

    static boolean fits(BigInteger serial) {
        return serial.signum() > 0 && serial.compareTo(LIMIT) < 0;
    }

    int size() {
        return packed.length / 2;
    }

    boolean contains(BigInteger serial) {
        return indexOf(serial) >= 0;
    }

    /** The serial at a position, in ascending order. */
    BigInteger get(int position) {
        BigInteger lo = new BigInteger(Long.toUnsignedString(packed[2 * position + 1]));
        return BigInteger.valueOf(packed[2 * position]).shiftLeft(64).or(lo);
    }

    /** The position of the serial, or -1 when the table does not hold it. */
    int indexOf(BigInteger serial) {
        if (!fits(serial)) {
            return -1;
        }
        long hi = serial.shiftRight(64).longValue();
        long lo = serial.longValue();
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(packed[2 * mid], packed[2 * mid + 1], hi, lo);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static int compare(long hi1, long lo1, long hi2, long lo2) {
        int c = Long.compare(hi1, hi2);
        return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
    }

    /** Collects serials in ascending order (the order of the primary key {@code (ca_id, serial)}). */
    static final class Builder {

        private long[] packed;
        private int size;

        Builder(int expected) {
            packed = new long[2 * Math.max(16, expected)];
        }

        void add(BigInteger serial) {
            if (!fits(serial)) {
                throw new IllegalArgumentException("serial does not fit the table: " + serial.toString(16));
            }
            long hi = serial.shiftRight(64).longValue();
            long lo = serial.longValue();
            if (size > 0 && compare(packed[2 * size - 2], packed[2 * size - 1], hi, lo) >= 0) {
                throw new IllegalArgumentException("serials must come in ascending order");
            }
            if (2 * size == packed.length) {
                // Half again, in whole pairs.
                packed = Arrays.copyOf(packed, packed.length + 2 * Math.max(16, size / 2));
            }
            packed[2 * size] = hi;
            packed[2 * size + 1] = lo;
            size++;
        }

        int size() {
            return size;
        }

        SerialTable build() {
            return new SerialTable(2 * size == packed.length ? packed : Arrays.copyOf(packed, 2 * size));
        }
    }
}

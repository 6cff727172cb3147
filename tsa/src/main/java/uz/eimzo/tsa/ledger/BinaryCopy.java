package uz.eimzo.tsa.ledger;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Token records in PostgreSQL's binary {@code COPY} format, the columns of {@link TokenLedger#COPY} in that order. The
 * values go as the server stores them (numeric digits, microseconds, raw bytes): neither side writes or parses text,
 * which the array parameters of an {@code insert … select from unnest} cost on both.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 8;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in microseconds after the Unix epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private BinaryCopy() {
    }

    /** The whole copy stream for the records, in their order: header, one tuple each, trailer. */
    static byte[] of(List<TokenRecord> records) {
        Out out = new Out(64 + records.size() * 256);
        out.writeBytes(SIGNATURE);
        out.int32(0); // flags: no OIDs
        out.int32(0); // no header extension
        for (TokenRecord r : records) {
            out.int16(COLUMNS);
            numeric(out, r.serial());
            timestamp(out, r.genTime());
            text(out, r.policy());
            text(out, r.imprintAlgorithm());
            bytes(out, r.imprint());
            bytes(out, r.nonce());
            text(out, r.tsa());
            numeric(out, r.signerSerial());
        }
        out.int16(-1);
        return out.toByteArray();
    }

    /** numeric: digit count, weight, sign, display scale, then base-10000 digits, most significant first. */
    private static void numeric(Out out, BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("serial numbers are positive");
        }
        // Base-10000 digits, least significant first: 16 decimal digits (4 of them) per division of the BigInteger,
        // then long arithmetic (a serial's decimal text cost more than the rest of its row).
        short[] digits = new short[(value.bitLength() + 12) / 13 + 1];
        int n = 0;
        BigInteger rest = value;
        while (rest.bitLength() > 63) {
            BigInteger[] split = rest.divideAndRemainder(TEN_TO_16);
            n = base10000(split[1].longValueExact(), digits, n, true);
            rest = split[0];
        }
        n = base10000(rest.longValueExact(), digits, n, false);
        out.int32(8 + 2 * n);
        out.int16(n);
        out.int16(Math.max(0, n - 1)); // weight: the power of 10000 of the first digit
        out.int16(0); // positive
        out.int16(0); // no decimal places
        for (int i = n - 1; i >= 0; i--) {
            out.int16(digits[i]);
        }
    }

    private static final BigInteger TEN_TO_16 = BigInteger.TEN.pow(16);

    /** Appends the base-10000 digits of {@code value}: all four of a 16-decimal-digit part, or only as many as needed. */
    private static int base10000(long value, short[] digits, int n, boolean fourDigits) {
        int written = 0;
        while (fourDigits ? written < 4 : value > 0) {
            digits[n++] = (short) (value % 10_000);
            value /= 10_000;
            written++;
        }
        return n;
    }

    /** timestamptz: microseconds since 2000-01-01 UTC. */
    private static void timestamp(Out out, Instant time) {
        out.int32(8);
        out.int64(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS);
    }

    private static void text(Out out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A field's length and bytes; length -1 for null. */
    private static void bytes(Out out, byte[] value) {
        if (value == null) {
            out.int32(-1);
            return;
        }
        out.int32(value.length);
        out.writeBytes(value);
    }

    /** Big-endian integers, as the format has them. */
    private static final class Out extends ByteArrayOutputStream {

        Out(int size) {
            super(size);
        }

        void int16(int value) {
            write(value >>> 8);
            write(value);
        }

        void int32(int value) {
            int16(value >>> 16);
            int16(value);
        }

        void int64(long value) {
            int32((int) (value >>> 32));
            int32((int) value);
        }
    }
}

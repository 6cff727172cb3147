package uz.eimzo.ocsp.status;

import uz.eimzo.ocsp.protocol.Answer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * How a pre-signed answer is stored, in a slab's slot or an array of its own: thisUpdate (8 bytes), the status it
 * states (status 1, revokedAt 8, reason 1; -1 for none), the ETag's 20 bytes, then the answer signed without the
 * responder certificate. Times are to the second, as answers carry them.
 */
final class StoredAnswer {

    static final int HEADER = 18;
    static final int STATE = 8;
    static final int ETAG = 20;
    static final int PREFIX = HEADER + ETAG;
    /** The status a certificate GOOD at the index's load has, as stored. */
    static final byte[] GOOD = state(new CertificateState(BigInteger.ONE, "GOOD", null, null));
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** What a sweep needs of a held answer: when it was signed and the status it states. */
    record Held(long thisUpdate, byte[] state) {
    }

    private StoredAnswer() {
    }

    static long thisUpdate(byte[] stored, int offset) {
        return (long) LONG.get(stored, offset);
    }

    static Held held(byte[] stored, int offset, int length) {
        return new Held(thisUpdate(stored, offset), Arrays.copyOfRange(stored, offset + STATE, offset + HEADER));
    }

    static byte[] layout(long thisUpdate, CertificateState state, byte[] etag, byte[] bare) {
        return ByteBuffer.allocate(PREFIX + bare.length).putLong(thisUpdate).put(state(state)).put(etag).put(bare).array();
    }

    /** The answer a status gets: revoked for a certificate on hold too; null for a status no answer states. */
    static Answer.State answered(CertificateState state) {
        return switch (state.status()) {
            case "GOOD" -> Answer.State.GOOD;
            case "REVOKED", "HOLD" -> Answer.State.REVOKED;
            default -> null;
        };
    }

    /** The status an answer states, as stored after its thisUpdate. */
    static byte[] state(CertificateState state) {
        return ByteBuffer.allocate(HEADER - STATE)
                .put((byte) switch (state.status()) {
                    case "GOOD" -> 0;
                    case "REVOKED" -> 1;
                    case "HOLD" -> 2;
                    default -> 3;
                })
                .putLong(state.revokedAt() == null ? 0 : state.revokedAt().getEpochSecond())
                .put((byte) (state.reason() == null ? -1 : state.reason()))
                .array();
    }
}

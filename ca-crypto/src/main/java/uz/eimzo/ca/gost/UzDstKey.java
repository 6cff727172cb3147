package uz.eimzo.ca.gost;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.security.InvalidKeyException;
import java.security.Key;
import java.util.Arrays;

/**
 * What an O'z DSt 1092 public and private key share: the key's algorithm OID and its standard encoding, which is
 * also its identity (equality, hash) and what Java serialisation carries; the Bouncy Castle parameters each
 * subclass computes with are transient and rebuilt from the encoding.
 */
abstract sealed class UzDstKey implements Key permits UzDstPrivateKey, UzDstPublicKey {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String keyOid;
    private final byte[] encoded;

    UzDstKey(String keyOid, byte[] encoded) {
        this.keyOid = keyOid;
        this.encoded = encoded;
    }

    /** The key's algorithm OID: {@link UzDst#KEY_OID} or, for the 2024 family, {@link UzDst#KEY_2024_OID}. */
    public String keyOid() {
        return keyOid;
    }

    /** Decodes an encoding of this kind of key, as {@link #readResolve()} needs after deserialisation. */
    abstract UzDstKey decodeAgain(byte[] encoding) throws InvalidKeyException;

    @Serial
    final Object readResolve() throws ObjectStreamException {
        try {
            return decodeAgain(encoded);
        } catch (InvalidKeyException e) {
            throw new InvalidObjectException(e.getMessage());
        }
    }

    @Override
    public final String getAlgorithm() {
        return UzDst.KEY_ALGORITHM;
    }

    @Override
    public final byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(encoded, ((UzDstKey) o).encoded);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(encoded);
    }
}

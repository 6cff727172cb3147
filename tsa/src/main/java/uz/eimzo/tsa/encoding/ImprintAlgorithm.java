package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import uz.eimzo.ca.gost.UzDst;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The hash functions a message imprint may use; anything else is {@code badAlg}. */
public enum ImprintAlgorithm {
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256", 32),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384", 48),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512", 64),
    /** O'z DSt 1106:2009, the national hash E-IMZO signs with. */
    UZDST1106(new ASN1ObjectIdentifier(UzDst.DIGEST_OID), UzDst.DIGEST_ALGORITHM, 32);

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;
    private final int length;

    ImprintAlgorithm(ASN1ObjectIdentifier oid, String jcaName, int length) {
        this.oid = oid;
        this.jcaName = jcaName;
        this.length = length;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Length in bytes of a hash this function makes. */
    public int length() {
        return length;
    }

    public static Optional<ImprintAlgorithm> of(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(a -> a.oid.equals(oid)).findFirst();
    }

    /** By name (SHA-256, SHA-384, SHA-512, UZDST1106; dashes, underscores and case ignored) or dotted OID. */
    public static Optional<ImprintAlgorithm> named(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return Arrays.stream(values())
                .filter(a -> a.name().equals(name) || a.oid.getId().equals(value.strip())).findFirst();
    }

    /** A fresh digest (the national one from the project's provider). */
    public MessageDigest newDigest() {
        try {
            return this == UZDST1106 ? MessageDigest.getInstance(jcaName, UzDst.provider()) : MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName, e);
        }
    }
}

package uz.eimzo.ca.issuance;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PFX reader written from the E-IMZO agent's acceptance rules (as the clean-room agent ganiyevuz/openimzo
 * documents them), walking raw DER, sharing no code with our writer:
 * PFX version 3; authSafe of type data; SafeContents of type data are read without a password,
 * encryptedData ones only with it; a pkcs8ShroudedKeyBag without a BMPString friendlyName is skipped;
 * a key's certificate is the cert bag with the same localKeyId; the MAC (SHA-1/256/512, PKCS#12 KDF) must match.
 */
final class AgentPfxReader {

    static final String DATA = "1.2.840.113549.1.7.1";
    static final String ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
    static final String SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
    static final String CERT_BAG = "1.2.840.113549.1.12.10.1.3";
    static final String FRIENDLY_NAME = "1.2.840.113549.1.9.20";
    static final String LOCAL_KEY_ID = "1.2.840.113549.1.9.21";

    /** One DER element: tag, content, and the whole encoding. */
    record Tlv(int tag, byte[] content, byte[] encoded) {
        List<Tlv> children() {
            List<Tlv> out = new ArrayList<>();
            int at = 0;
            while (at < content.length) {
                Tlv next = parse(content, at);
                out.add(next);
                at += next.encoded.length;
            }
            return out;
        }

        Tlv child(int index) {
            return children().get(index);
        }

        String oid() {
            if (tag != 0x06) {
                throw new IllegalArgumentException("not an OID: tag " + tag);
            }
            StringBuilder text = new StringBuilder();
            BigInteger value = BigInteger.ZERO;
            boolean first = true;
            for (byte b : content) {
                value = value.shiftLeft(7).or(BigInteger.valueOf(b & 0x7f));
                if ((b & 0x80) == 0) {
                    if (first) {
                        int top = value.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : value.intValue() / 40;
                        text.append(top).append('.').append(value.subtract(BigInteger.valueOf(40L * top)));
                        first = false;
                    } else {
                        text.append('.').append(value);
                    }
                    value = BigInteger.ZERO;
                }
            }
            return text.toString();
        }

        int integer() {
            return new BigInteger(content).intValueExact();
        }
    }

    static Tlv parse(byte[] bytes, int offset) {
        int tag = bytes[offset] & 0xff;
        int first = bytes[offset + 1] & 0xff;
        int length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int count = first & 0x7f;
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[offset + 2 + i] & 0xff);
            }
            header = 2 + count;
        }
        return new Tlv(tag, Arrays.copyOfRange(bytes, offset + header, offset + header + length),
                Arrays.copyOfRange(bytes, offset, offset + header + length));
    }

    record KeyBag(String alias, byte[] localKeyId, Tlv encryptedPrivateKeyInfo) {
    }

    record CertBag(byte[] localKeyId, X509Certificate certificate) {
    }

    record Opened(String alias, byte[] pkcs8, X509Certificate certificate) {
    }

    private AgentPfxReader() {
    }

    /** What the agent lists before any password is asked. */
    static List<String> listAliases(byte[] pfx) {
        return keyBags(authSafe(pfx), null).stream().map(KeyBag::alias).toList();
    }

    /** Opens the key of {@code alias}: MAC checked, key decrypted, its certificate found by localKeyId. */
    static Opened open(byte[] pfx, String alias, char[] password) throws Exception {
        Tlv root = parse(pfx, 0);
        byte[] authSafe = authSafe(pfx);
        Tlv macData = root.child(2);
        Tlv digestInfo = macData.child(0);
        String macAlgorithm = switch (digestInfo.child(0).child(0).oid()) {
            case "1.3.14.3.2.26" -> "HmacPBESHA1";
            case "2.16.840.1.101.3.4.2.1" -> "HmacPBESHA256";
            case "2.16.840.1.101.3.4.2.3" -> "HmacPBESHA512";
            default -> throw new IllegalArgumentException("MAC digest not read by the agent");
        };
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password)),
                new PBEParameterSpec(macData.child(1).content(), macData.child(2).integer()));
        if (!MessageDigest.isEqual(mac.doFinal(authSafe), digestInfo.child(1).content())) {
            throw new SecurityException("password incorrect");
        }
        KeyBag key = keyBags(authSafe, password).stream().filter(k -> k.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key " + alias));
        byte[] pkcs8 = decryptPbes2(key.encryptedPrivateKeyInfo().child(0), key.encryptedPrivateKeyInfo().child(1).content(), password);
        X509Certificate certificate = certBags(authSafe).stream()
                .filter(c -> c.localKeyId() != null && Arrays.equals(c.localKeyId(), key.localKeyId()))
                .map(CertBag::certificate).findFirst().orElseThrow(() -> new IllegalArgumentException("no certificate for the key"));
        return new Opened(alias, pkcs8, certificate);
    }

    static List<X509Certificate> certificates(byte[] pfx) {
        return certBags(authSafe(pfx)).stream().map(CertBag::certificate).toList();
    }

    private static byte[] authSafe(byte[] pfx) {
        Tlv root = parse(pfx, 0);
        if (root.child(0).integer() != 3) {
            throw new IllegalArgumentException("PFX version is not 3");
        }
        Tlv contentInfo = root.child(1);
        if (!contentInfo.child(0).oid().equals(DATA)) {
            throw new IllegalArgumentException("authSafe is not of type data");
        }
        return contentInfo.child(1).child(0).content();
    }

    /** SafeContents of every part the agent can read: data always, encryptedData never here (no PBE for it). */
    private static List<Tlv> readableBags(byte[] authSafe) {
        List<Tlv> bags = new ArrayList<>();
        for (Tlv contentInfo : parse(authSafe, 0).children()) {
            String type = contentInfo.child(0).oid();
            if (type.equals(DATA)) {
                bags.addAll(parse(contentInfo.child(1).child(0).content(), 0).children());
            } else if (!type.equals(ENCRYPTED_DATA)) {
                throw new IllegalArgumentException("unexpected part " + type);
            }
        }
        return bags;
    }

    private static List<KeyBag> keyBags(byte[] authSafe, char[] password) {
        List<KeyBag> keys = new ArrayList<>();
        for (Tlv bag : readableBags(authSafe)) {
            if (!bag.child(0).oid().equals(SHROUDED_KEY_BAG)) {
                continue;
            }
            String alias = null;
            byte[] localKeyId = null;
            if (bag.children().size() > 2) {
                for (Tlv attribute : bag.child(2).children()) {
                    Tlv value = attribute.child(1).child(0);
                    if (attribute.child(0).oid().equals(FRIENDLY_NAME) && value.tag() == 0x1e) {
                        alias = new String(value.content(), StandardCharsets.UTF_16BE);
                    } else if (attribute.child(0).oid().equals(LOCAL_KEY_ID) && value.tag() == 0x04) {
                        localKeyId = value.content();
                    }
                }
            }
            if (alias != null && !alias.isEmpty()) {
                keys.add(new KeyBag(alias, localKeyId, bag.child(1).child(0)));
            }
        }
        return keys;
    }

    private static List<CertBag> certBags(byte[] authSafe) {
        List<CertBag> certs = new ArrayList<>();
        for (Tlv bag : readableBags(authSafe)) {
            if (!bag.child(0).oid().equals(CERT_BAG)) {
                continue;
            }
            byte[] localKeyId = null;
            if (bag.children().size() > 2) {
                for (Tlv attribute : bag.child(2).children()) {
                    if (attribute.child(0).oid().equals(LOCAL_KEY_ID)) {
                        localKeyId = attribute.child(1).child(0).content();
                    }
                }
            }
            byte[] der = bag.child(1).child(0).child(1).child(0).content();
            try {
                certs.add(new CertBag(localKeyId, (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der))));
            } catch (java.security.cert.CertificateException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return certs;
    }

    /** PBES2 with PBKDF2 (HMAC-SHA1/256/512) and AES-CBC, as the agent's PBES2 support reads it. */
    private static byte[] decryptPbes2(Tlv algorithm, byte[] ciphertext, char[] password) throws Exception {
        if (!algorithm.child(0).oid().equals("1.2.840.113549.1.5.13")) {
            throw new IllegalArgumentException("not PBES2");
        }
        Tlv kdf = algorithm.child(1).child(0);
        Tlv scheme = algorithm.child(1).child(1);
        Tlv pbkdf2 = kdf.child(1);
        String prf = pbkdf2.children().size() > 2 && pbkdf2.child(pbkdf2.children().size() - 1).tag() == 0x30
                ? pbkdf2.child(pbkdf2.children().size() - 1).child(0).oid() : "1.2.840.113549.2.7";
        String kdfName = switch (prf) {
            case "1.2.840.113549.2.7" -> "PBKDF2WithHmacSHA1";
            case "1.2.840.113549.2.9" -> "PBKDF2WithHmacSHA256";
            case "1.2.840.113549.2.11" -> "PBKDF2WithHmacSHA512";
            default -> throw new IllegalArgumentException("PRF " + prf);
        };
        int keyBits = switch (scheme.child(0).oid()) {
            case "2.16.840.1.101.3.4.1.2" -> 128;
            case "2.16.840.1.101.3.4.1.22" -> 192;
            case "2.16.840.1.101.3.4.1.42" -> 256;
            default -> throw new IllegalArgumentException("cipher " + scheme.child(0).oid());
        };
        byte[] key = SecretKeyFactory.getInstance(kdfName)
                .generateSecret(new PBEKeySpec(password, pbkdf2.child(0).content(), pbkdf2.child(1).integer(), keyBits)).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(scheme.child(1).content()));
        return cipher.doFinal(ciphertext);
    }
}

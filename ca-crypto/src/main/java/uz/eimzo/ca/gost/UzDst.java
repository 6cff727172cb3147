package uz.eimzo.ca.gost;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;

/**
 * Uzbekistan's national signature: O'z DSt 1092:2009 algorithm 2 keys signing O'z DSt 1106:2009 hashes.
 * The mathematics is GOST R 34.10-2001 on the CryptoPro-A curve over GOST R 34.11-94 (CryptoPro
 * parameters); only the OIDs and the CryptoPro-style byte orders are Uzbek. {@link #install()} makes
 * it reachable through the JCA names below.
 */
public final class UzDst {

    /** JCA key algorithm (KeyPairGenerator, KeyFactory) name. */
    public static final String KEY_ALGORITHM = "UZDST1092";
    /** JCA signature algorithm name. */
    public static final String SIGNATURE_ALGORITHM = "UZDST1106withUZDST1092";
    /** JCA message digest name. */
    public static final String DIGEST_ALGORITHM = "UZDST1106";

    /** O'z DSt 1092:2009 algorithm 2 public key. */
    public static final String KEY_OID = "1.2.860.3.15.1.1.2.1";
    /** Parameter set A of O'z DSt 1092:2009-2 (the CryptoPro-A curve), used by key files. */
    public static final String PARAM_SET_A_OID = "1.2.860.3.15.1.1.2.1.1";
    /** O'z DSt 1106:2009 hash with O'z DSt 1092:2009-2 signature. */
    public static final String SIGNATURE_OID = "1.2.860.3.15.1.1.2.2.2.2";
    /** O'z DSt 1106:2009 hash, parameter set A. */
    public static final String DIGEST_OID = "1.2.860.3.15.1.3.2.1.1";

    /** O'z MSt 286:2024 algorithm 2 public key: recognised on input, not backed by a real sample. */
    public static final String KEY_2024_OID = "1.2.860.3.15.2.1.2.1";
    /** Parameter set A of O'z MSt 286:2024-2. */
    public static final String PARAM_SET_2024_A_OID = "1.2.860.3.15.2.1.2.1.1";
    /** O'z MSt 285:2024 hash with O'z MSt 286:2024-2 signature. */
    public static final String SIGNATURE_2024_OID = "1.2.860.3.15.2.1.2.2.2.2";
    /** O'z MSt 285:2024 hash, parameter set A. */
    public static final String DIGEST_2024_OID = "1.2.860.3.15.2.3.2.1.1";

    private static final Provider PROVIDER = new UzDstProvider();

    private UzDst() {
    }

    /**
     * Adds the provider to the JCA once; safe to call from any thread any number of times. The JDK's certificate parser, PKCS#12 keystore and signature
     * verification find the keys through the provider's OID aliases.
     */
    public static synchronized void install() {
        if (Security.getProvider(PROVIDER.getName()) == null) {
            Security.addProvider(PROVIDER);
        }
    }

    /**
     * A private key in the PKCS#8 form the E-IMZO agent reads from a PFX: for a GOST-UZ key the agent's
     * SEC1 form (see {@link UzDstPrivateKey#agentEncoding()}), for any other key its own PKCS#8 encoding.
     */
    public static byte[] agentPkcs8(PrivateKey key) {
        return key instanceof UzDstPrivateKey gost ? gost.agentEncoding() : key.getEncoded();
    }

    /** The provider instance, for callers that must not depend on the installed provider list. */
    public static Provider provider() {
        return PROVIDER;
    }
}

package uz.eimzo.ca.x509;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Public key algorithm OIDs beyond RSA, EC and Ed25519, mapped to the JCA KeyFactory name that reads them. */
final class KeyFamilies {

    private static final Map<String, String> FAMILIES = new ConcurrentHashMap<>();

    private KeyFamilies() {
    }

    static String familyOf(String oid) {
        return FAMILIES.get(oid);
    }

    static void register(String oid, String jcaKeyFactory) {
        FAMILIES.put(oid, jcaKeyFactory);
    }
}

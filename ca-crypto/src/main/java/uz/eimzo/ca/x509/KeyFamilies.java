package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;

import java.util.Map;

/** Public key algorithm OIDs beyond RSA, EC and Ed25519, mapped to the JCA KeyFactory name that reads them. */
final class KeyFamilies {

    private static final Map<String, String> FAMILIES = Map.of(
            UzDst.KEY_OID, UzDst.KEY_ALGORITHM,
            UzDst.KEY_2024_OID, UzDst.KEY_ALGORITHM);

    private KeyFamilies() {
    }

    static String familyOf(String oid) {
        return FAMILIES.get(oid);
    }
}

package uz.eimzo.ca.x509;

/** One certificate policy: its OID, the CPS URI and a user notice shown to relying parties. */
public record PolicyInfo(String oid, String cpsUri, String userNotice) {
    public PolicyInfo {
        if (oid == null || !oid.matches("[0-2](\\.[0-9]+)+")) {
            throw new IllegalArgumentException("Not a policy OID: " + oid);
        }
    }
}

package uz.eimzo.ca.profile;

/**
 * One certificate policy as a centre configures it for a profile: the OID registered for it, the CPS URI
 * (null: the centre's CPS) and the user notice relying parties show (null: none). Checked when the profile is made.
 */
public record PolicySetting(String oid, String cpsUri, String notice) {
}

package uz.eimzo.ca.x509;

/** One attribute of a distinguished name, in the order it appears: OID and value (UTF8String; C PrintableString). */
public record DnAttribute(String oid, String value) {

    public static final String CN = "2.5.4.3";
    public static final String NAME = "2.5.4.41";
    public static final String SURNAME = "2.5.4.4";
    public static final String GIVEN_NAME = "2.5.4.42";
    public static final String O = "2.5.4.10";
    public static final String OU = "2.5.4.11";
    public static final String L = "2.5.4.7";
    public static final String ST = "2.5.4.8";
    public static final String C = "2.5.4.6";
    public static final String T = "2.5.4.12";
    public static final String BUSINESS_CATEGORY = "2.5.4.15";
    public static final String UID = "0.9.2342.19200300.100.1.1";
    public static final String PINFL = "1.2.860.3.16.1.2";
    public static final String ORGANISATION_STIR = "1.2.860.3.16.1.1";

    public DnAttribute {
        if (oid == null || !oid.matches("[0-2](\\.[0-9]+)+")) {
            throw new IllegalArgumentException("Not an OID: " + oid);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Empty value for attribute " + oid);
        }
    }
}

package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.ASN1String;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Distinguished names in the E-IMZO encoding: one attribute per RDN, UTF8String values, C as PrintableString. */
public final class Names {

    private Names() {
    }

    static X500Name encode(List<DnAttribute> attributes) {
        RDN[] rdns = new RDN[attributes.size()];
        for (int i = 0; i < rdns.length; i++) {
            DnAttribute a = attributes.get(i);
            ASN1Encodable value = a.oid().equals(DnAttribute.C)
                    ? new DERPrintableString(a.value(), true)
                    : new DERUTF8String(a.value());
            rdns[i] = new RDN(new AttributeTypeAndValue(new ASN1ObjectIdentifier(a.oid()), value));
        }
        return new X500Name(rdns);
    }

    static List<DnAttribute> decode(X500Name name) {
        List<DnAttribute> attributes = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String value = atv.getValue() instanceof ASN1String s ? s.getString() : atv.getValue().toString();
                attributes.add(new DnAttribute(atv.getType().getId(), value));
            }
        }
        return attributes;
    }

    /** The attributes of a JDK principal, in encoded order. */
    public static List<DnAttribute> of(X500Principal principal) {
        return decode(X500Name.getInstance(principal.getEncoded()));
    }

    /** The JDK principal of attributes, encoded as our certificates encode them. */
    public static X500Principal principal(List<DnAttribute> attributes) {
        try {
            return new X500Principal(encode(attributes).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry(DnAttribute.CN, "CN"), Map.entry(DnAttribute.NAME, "name"),
            Map.entry(DnAttribute.SURNAME, "SN"), Map.entry(DnAttribute.GIVEN_NAME, "givenName"),
            Map.entry(DnAttribute.O, "O"), Map.entry(DnAttribute.OU, "OU"),
            Map.entry(DnAttribute.L, "L"), Map.entry(DnAttribute.ST, "ST"),
            Map.entry(DnAttribute.C, "C"), Map.entry(DnAttribute.T, "T"),
            Map.entry(DnAttribute.BUSINESS_CATEGORY, "businessCategory"), Map.entry(DnAttribute.UID, "UID"),
            Map.entry(DnAttribute.PINFL, "PINFL"), Map.entry(DnAttribute.ORGANISATION_STIR, "STIR"));

    /**
     * A one-line form for people and for search, in the certificate's own order (CN first), with E-IMZO's
     * attribute names (PINFL, STIR) instead of bare OIDs.
     */
    public static String display(List<DnAttribute> attributes) {
        StringBuilder out = new StringBuilder();
        for (DnAttribute a : attributes) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(SHORT_NAMES.getOrDefault(a.oid(), a.oid())).append('=').append(a.value());
        }
        return out.toString();
    }
}

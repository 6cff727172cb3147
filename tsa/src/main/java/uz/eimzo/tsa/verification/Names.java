package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distinguished names as text, the way E-IMZO writes them: attributes by Bouncy Castle's short names (CN, O, UID)
 * and the national ones by their OIDs (1.2.860.3.16.1.2 for the PINFL), in the name's order.
 */
public final class Names {

    private Names() {
    }

    /** Attribute name to value, in the name's order (the first of a repeated attribute). */
    public static Map<String, String> info(byte[] encodedName) {
        Map<String, String> info = new LinkedHashMap<>();
        for (RDN rdn : X500Name.getInstance(encodedName).getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                info.putIfAbsent(symbol(attribute.getType()), IETFUtils.valueToString(attribute.getValue()));
            }
        }
        return info;
    }

    /** "CN=…,1.2.860.3.16.1.2=…". */
    public static String text(byte[] encodedName) {
        StringBuilder text = new StringBuilder();
        for (RDN rdn : X500Name.getInstance(encodedName).getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(symbol(attribute.getType())).append('=').append(IETFUtils.valueToString(attribute.getValue()));
            }
        }
        return text.toString();
    }

    /** The same for a name Bouncy Castle has already parsed; null for none. */
    static String text(X500Name name) {
        try {
            return name == null ? null : text(name.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String symbol(ASN1ObjectIdentifier type) {
        String symbol = BCStyle.INSTANCE.oidToDisplayName(type);
        return symbol != null ? symbol : type.getId();
    }
}

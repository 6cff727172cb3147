package uz.eimzo.ca.issuance;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key alias of an E-IMZO PFX: the E-IMZO web client (e-imzo-client.js, public) lists a key by parsing its
 * alias as a lower-case X.500-style string: the subject's attributes ({@code cn=}, {@code name=},
 * {@code surname=}, {@code o=}, {@code t=}, {@code uid=}, {@code 1.2.860.3.16.1.1=} TIN,
 * {@code 1.2.860.3.16.1.2=} PINFL) then {@code serialnumber=} (hex), {@code validfrom=} and {@code validto=}
 * as {@code yyyy.MM.dd HH:mm:ss}.
 */
final class AgentAlias {

    private static final Map<String, String> NAMES = Map.of(
            "2.5.4.41", "name", "2.5.4.42", "givenname", "2.5.4.4", "surname", "2.5.4.12", "t", "0.9.2342.19200300.100.1.1", "uid",
            "2.5.4.9", "street", "2.5.4.5", "subjectserialnumber");
    /** The client turns the dates into ISO by replacing dots and the space; Tashkent is the agent's zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Tashkent"));

    private AgentAlias() {
    }

    /** Subject attributes in their encoding order (LdapName lists RDNs the reverse of RFC 2253 text). */
    static String of(X509Certificate certificate) {
        List<String> parts = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                String type = NAMES.getOrDefault(rdn.getType(), rdn.getType()).toLowerCase(Locale.ROOT);
                parts.add(type + "=" + text(rdn.getValue()));
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException("Certificate subject is not a valid name", e);
        }
        parts.add("serialnumber=" + certificate.getSerialNumber().toString(16));
        parts.add("validfrom=" + DATE.format(certificate.getNotBefore().toInstant()));
        parts.add("validto=" + DATE.format(certificate.getNotAfter().toInstant()));
        return String.join(",", parts);
    }

    /** RFC 2253 writes attributes it has no name for as #DER; their string value is what the alias shows. */
    private static String text(Object value) {
        if (value instanceof byte[] der) {
            int lengthOctets = (der[1] & 0x80) == 0 ? 0 : der[1] & 0x7f;
            int offset = 2 + lengthOctets;
            return new String(der, offset, der.length - offset,
                    der[0] == 0x1e ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}

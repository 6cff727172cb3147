package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Option;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.Names;

import javax.security.auth.x500.X500Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CA's distinguished name: either attribute by attribute (encoded CN, O, OU, L, ST, C in that order, as
 * E-IMZO names are) or as one RFC 4514 string (encoded as RFC 4514 says: the last RDN written comes first).
 */
public final class SubjectOptions {

    @Option(names = "--cn", paramLabel = "NAME", description = "commonName, e.g. \"E-IMZO Root CA\"")
    String commonName;

    @Option(names = "--o", paramLabel = "ORG", description = "organizationName")
    String organisation;

    @Option(names = "--ou", paramLabel = "UNIT", description = "organizationalUnitName (repeatable)")
    List<String> units = new ArrayList<>();

    @Option(names = "--l", paramLabel = "LOCALITY", description = "localityName")
    String locality;

    @Option(names = "--st", paramLabel = "REGION", description = "stateOrProvinceName")
    String region;

    @Option(names = "--c", paramLabel = "CC", description = "countryName, two letters, e.g. UZ")
    String country;

    @Option(names = "--subject", paramLabel = "RFC4514",
            description = "the whole name as one RFC 4514 string, e.g. \"C=UZ,O=E-IMZO,CN=E-IMZO Root CA\"")
    String rfc4514;

    List<DnAttribute> attributes() {
        boolean parts = commonName != null || organisation != null || !units.isEmpty() || locality != null
                || region != null || country != null;
        if (rfc4514 != null && parts) {
            throw usage("Give the subject either as --subject or as --cn/--o/--ou/--l/--st/--c, not both");
        }
        if (rfc4514 != null) {
            try {
                List<DnAttribute> parsed = Names.of(new X500Principal(rfc4514, Map.of("T", DnAttribute.T)));
                if (parsed.isEmpty()) {
                    throw usage("The subject is empty");
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw usage("Not an RFC 4514 name: " + rfc4514 + " (" + e.getMessage() + ")");
            }
        }
        if (!parts) {
            throw usage("A subject is needed: --cn NAME [--o ORG] [--c UZ]... or --subject \"CN=...,O=...,C=UZ\"");
        }
        List<DnAttribute> attributes = new ArrayList<>();
        add(attributes, DnAttribute.CN, commonName);
        add(attributes, DnAttribute.O, organisation);
        units.forEach(unit -> add(attributes, DnAttribute.OU, unit));
        add(attributes, DnAttribute.L, locality);
        add(attributes, DnAttribute.ST, region);
        add(attributes, DnAttribute.C, country);
        return attributes;
    }

    private static void add(List<DnAttribute> attributes, String oid, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw usage("Empty value for subject attribute " + oid);
        }
        attributes.add(new DnAttribute(oid, value));
    }

    private static CeremonyException usage(String message) {
        return new CeremonyException(CeremonyException.USAGE, message);
    }
}

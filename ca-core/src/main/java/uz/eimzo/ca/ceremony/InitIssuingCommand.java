package uz.eimzo.ca.ceremony;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.DnAttribute;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Generates an issuing CA key and has the parent CA certify it. */
@Command(name = "init-issuing", mixinStandardHelpOptions = true,
        description = "Generate an issuing CA key in the key storage and certify it with the parent CA's key.")
final class InitIssuingCommand extends CaCommand implements Callable<Integer> {

    @Option(names = "--parent", required = true, paramLabel = "CA", description = "Name of the CA that certifies the new one")
    String parent;

    @Option(names = "--name", required = true, paramLabel = "CA", description = "CA name: lower-case letters, digits, hyphens")
    String name;

    @Option(names = "--algorithm", required = true, paramLabel = "ALG", description = "Key type: ${COMPLETION-CANDIDATES}")
    KeyAlgorithm algorithm;

    @Option(names = "--validity", defaultValue = "P10Y", converter = PeriodConverter.class, paramLabel = "PERIOD",
            description = "ISO-8601 period (default: ${DEFAULT-VALUE})")
    Period validity;

    @Option(names = "--responder-url", required = true, paramLabel = "URL",
            description = "Public base URL of the responder: OCSP at URL/ocsp, CRL at URL/crl/<parent>.crl, "
                    + "parent certificate at URL/ca/<parent>.crt go into the new certificate")
    String responderUrl;

    @Mixin
    SubjectOptions subject;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Key storage for the new key:%n")
    KeyStorageOptions storage;

    @ArgGroup(exclusive = true, multiplicity = "0..1",
            heading = "Key storage of the parent CA's key (default: the storage of the new key):%n")
    ParentKeyStorageOptions parentStorage;

    @Override
    public Integer call() {
        List<DnAttribute> dn = subject.attributes();
        PublicationUrls urls;
        try {
            urls = new PublicationUrls(responderUrl);
        } catch (IllegalArgumentException e) {
            throw new CeremonyException(CeremonyException.USAGE, e.getMessage());
        }
        KeyStorage keys = storage.open(terminal());
        List<KeyStorage> storages = new ArrayList<>(List.of(keys));
        if (parentStorage != null) {
            storages.add(parentStorage.open(terminal()));
        }
        try (var session = database.open(terminal(), new CaSigner(storages), urls)) {
            CertificateAuthority issuing = session.services().authorities()
                    .createIssuing(parent, name, dn, algorithm, validity, new CaKeyStore(keys), actor());
            terminal().out().println("Created issuing CA " + issuing.name() + " under " + parent);
            CeremonyCli.describe(terminal().out(), issuing, parent);
        }
        return 0;
    }
}

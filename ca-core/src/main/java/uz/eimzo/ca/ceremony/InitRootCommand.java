package uz.eimzo.ca.ceremony;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.DnAttribute;

import java.time.Period;
import java.util.List;
import java.util.concurrent.Callable;

/** Generates a root CA key in the storage and self-signs the root certificate. */
@Command(name = "init-root", mixinStandardHelpOptions = true,
        description = "Generate a root CA key in the key storage and self-sign its certificate.")
final class InitRootCommand extends CaCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "CA", description = "CA name: lower-case letters, digits, hyphens")
    String name;

    @Option(names = "--algorithm", required = true, paramLabel = "ALG", description = "Key type: ${COMPLETION-CANDIDATES}")
    KeyAlgorithm algorithm;

    @Option(names = "--validity", defaultValue = "P20Y", converter = PeriodConverter.class, paramLabel = "PERIOD",
            description = "ISO-8601 period (default: ${DEFAULT-VALUE})")
    Period validity;

    @Mixin
    SubjectOptions subject;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Key storage for the new key:%n")
    KeyStorageOptions storage;

    @Override
    public Integer call() {
        List<DnAttribute> dn = subject.attributes();
        KeyStorage keys = storage.open(terminal());
        try (var session = database.open(terminal(), new CaSigner(List.of(keys)), null)) {
            CertificateAuthority root = session.services().authorities().createRoot(name, dn, algorithm, validity, new CaKeyStore(keys), actor());
            terminal().out().println("Created root CA " + root.name());
            CeremonyCli.describe(terminal().out(), root, null);
        }
        return 0;
    }
}

package uz.eimzo.ca.ceremony;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;

/** Registers an existing CA whose key is already in a storage and whose certificate is in a file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Register an existing CA: its certificate (PEM or DER) and its key already in the key storage.")
final class ImportCommand extends CaCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "CA", description = "CA name: lower-case letters, digits, hyphens")
    String name;

    @Option(names = "--certificate", required = true, paramLabel = "FILE", description = "The CA certificate, PEM or DER")
    Path certificate;

    @Option(names = "--parent", paramLabel = "CA", description = "The registered CA that signed it (omit for a root)")
    String parent;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Alias of the key in the storage (default: the name)")
    String alias;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Key storage holding the CA key:%n")
    KeyStorageOptions storage;

    @Override
    public Integer call() {
        X509Certificate cert;
        try {
            cert = Certificates.parse(Files.readAllBytes(certificate));
        } catch (IOException e) {
            throw new CeremonyException(CeremonyException.USAGE, "Cannot read " + certificate + ": " + e.getMessage());
        }
        KeyStorage keys = storage.open(terminal());
        try (var session = database.open(terminal(), new KeyResolver(List.of(keys)), null)) {
            CertificateAuthority ca = session.services().authorities()
                    .importCa(name, cert, parent, keys, alias == null ? name : alias, actor());
            terminal().out().println("Imported CA " + ca.name());
            CeremonyCli.describe(terminal().out(), ca, parent);
        }
        return 0;
    }
}

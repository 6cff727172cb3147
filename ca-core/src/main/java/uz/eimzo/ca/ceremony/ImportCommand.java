package uz.eimzo.ca.ceremony;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Registers an existing CA whose key is already in a storage and whose certificate is in a file, or, with
 * {@code --external}, recognises another CA from its certificate alone (the national root, another centre's CA).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Register an existing CA: its certificate (PEM or DER) and its key already in the key storage.",
                "With --external: recognise a CA whose key is not ours (national root, another centre's CA) from its "
                        + "certificate alone; a root must verify itself, any other CA must chain to a recognised one."})
final class ImportCommand extends CaCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "CA", description = "CA name: lower-case letters, digits, hyphens")
    String name;

    @Option(names = "--certificate", required = true, paramLabel = "FILE", description = "The CA certificate, PEM or DER")
    Path certificate;

    @Option(names = "--parent", paramLabel = "CA", description = "The registered CA that signed it (omit for a root)")
    String parent;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Alias of the key in the storage (default: the name)")
    String alias;

    @Option(names = "--external", description = "Recognise the CA without its key: it can anchor chains, never sign here")
    boolean external;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Key storage holding the CA key (not with --external):%n")
    KeyStorageOptions storage;

    @Override
    public Integer call() {
        X509Certificate cert;
        try {
            cert = Certificates.parse(Files.readAllBytes(certificate));
        } catch (IOException e) {
            throw new CeremonyException(CeremonyException.USAGE, "Cannot read " + certificate + ": " + e.getMessage());
        }
        if (external) {
            return recognise(cert);
        }
        if (storage == null) {
            throw new CeremonyException(CeremonyException.USAGE, "Name the key storage (--pkcs12 or --pkcs11-config), "
                    + "or use --external to recognise a CA whose key is not ours");
        }
        KeyStorage keys = storage.open(terminal());
        try (var session = database.open(terminal(), new CaSigner(List.of(keys)), null)) {
            CertificateAuthority ca = session.services().authorities()
                    .importCa(name, cert, parent, new CaKeyStore(keys), alias == null ? name : alias, actor());
            terminal().out().println("Imported CA " + ca.name());
            CeremonyCli.describe(terminal().out(), ca, parent);
        }
        return 0;
    }

    private Integer recognise(X509Certificate cert) {
        if (storage != null || parent != null || alias != null) {
            throw new CeremonyException(CeremonyException.USAGE, "--external takes no key storage, --parent or --alias: "
                    + "the issuer is found among the recognised CAs by its signature");
        }
        try (var session = database.open(terminal(), new CaSigner(List.of()), null)) {
            RecognisedCa ca = session.services().authorities().recognise(name, cert, actor());
            var recognised = session.services().authoritiesDirectory().recognised();
            terminal().out().println("Recognised external CA " + ca.name());
            CeremonyCli.describe(terminal().out(), ca, recognised.chainOf(ca));
        }
        return 0;
    }
}

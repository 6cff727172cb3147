package uz.eimzo.ca.ceremony;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Writes a CA certificate, or its chain up to the root, to a file for publication or distribution. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a CA certificate (or with --chain, it and its parents up to the root) to a file.")
final class ExportCommand extends CaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CA", description = "CA name")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Format format;

    @Option(names = "--chain", description = "Also write the parent CAs up to the root (PEM only)")
    boolean chain;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to create (never overwritten)")
    Path out;

    /** PEM (the default) or DER. */
    static final class Format {
        @Option(names = "--pem", required = true, description = "PEM (default)")
        boolean pem;

        @Option(names = "--der", required = true, description = "DER: one certificate, no chain")
        boolean der;
    }

    @Override
    public Integer call() {
        boolean der = format != null && format.der;
        if (der && chain) {
            throw new CeremonyException(CeremonyException.USAGE, "--chain needs PEM: a DER file holds one certificate");
        }
        if (Files.exists(out)) {
            throw new CeremonyException(CeremonyException.USAGE, out + " exists; choose another --out or remove it");
        }
        try (var session = database.open(terminal(), new CaSigner(List.of()), null)) {
            var directory = session.services().authoritiesDirectory();
            List<CertificateAuthority> cas = new ArrayList<>(List.of(directory.require(name)));
            while (chain && cas.getLast().parentId() != null) {
                cas.add(directory.byId(cas.getLast().parentId()).orElseThrow());
            }
            byte[] content;
            if (der) {
                content = Certificates.der(cas.getFirst().certificate());
            } else {
                StringBuilder pem = new StringBuilder();
                cas.forEach(ca -> pem.append(Certificates.pem(ca.certificate())));
                content = pem.toString().getBytes(StandardCharsets.US_ASCII);
            }
            try {
                Files.write(out, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                throw new CeremonyException(CeremonyException.USAGE, out + " exists; choose another --out or remove it");
            } catch (IOException e) {
                throw new CeremonyException(CeremonyException.USAGE, "Cannot write " + out + ": " + e.getMessage());
            }
            terminal().out().printf("Wrote %d certificate%s of %s to %s (%s)%n", cas.size(), cas.size() == 1 ? "" : "s",
                    name, out, der ? "DER" : "PEM");
            for (CertificateAuthority ca : cas) {
                terminal().out().printf("  %-20s SHA-256 %s%n", ca.name(), CeremonyCli.fingerprint(Certificates.der(ca.certificate())));
            }
        }
        return 0;
    }
}

package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.signing.CaSigner;

import java.util.List;
import java.util.concurrent.Callable;

/** Shows one CA, operated or recognised: subject, validity, fingerprint and key reference. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one CA.")
final class ShowCommand extends CaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CA", description = "CA name")
    String name;

    @Override
    public Integer call() {
        try (var session = database.open(terminal(), new CaSigner(List.of()), null)) {
            var directory = session.services().authoritiesDirectory();
            var external = directory.recognised().byName(name);
            if (external.isPresent()) {
                terminal().out().println("External CA " + name);
                CeremonyCli.describe(terminal().out(), external.get(), directory.recognised().chainOf(external.get()));
                return 0;
            }
            CertificateAuthority ca = directory.require(name);
            terminal().out().println("CA " + ca.name());
            CeremonyCli.describe(terminal().out(), ca, parentName(directory, ca));
        }
        return 0;
    }
}

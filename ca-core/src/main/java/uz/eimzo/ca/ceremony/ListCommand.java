package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Command;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.signing.CaSigner;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Lists the registered CAs, one line each, then the recognised external ones. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered CAs.")
final class ListCommand extends CaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (var session = database.open(terminal(), new CaSigner(List.of()), null)) {
            var directory = session.services().authoritiesDirectory();
            List<CertificateAuthority> all = directory.all();
            var out = terminal().out();
            out.printf(Locale.ROOT, "%-20s %-20s %-10s %-20s %s%n", "NAME", "PARENT", "ALGORITHM", "NOT AFTER", "SUBJECT");
            for (CertificateAuthority ca : all) {
                String parent = parentName(directory, ca);
                out.printf(Locale.ROOT, "%-20s %-20s %-10s %-20s %s%n", ca.name(), parent == null ? "-" : parent,
                        ca.keyAlgorithm(), ca.certificate().getNotAfter().toInstant(),
                        ca.certificate().getSubjectX500Principal().getName());
            }
            out.println(all.size() + (all.size() == 1 ? " CA" : " CAs"));
            List<RecognisedCa> external = directory.recognised().all();
            if (!external.isEmpty()) {
                out.println();
                out.printf(Locale.ROOT, "%-20s %-20s %-10s %-20s %s%n", "EXTERNAL", "ISSUER", "ALGORITHM", "NOT AFTER", "SUBJECT");
                for (RecognisedCa ca : external) {
                    String issuer = ca.issuerId() == null ? "-"
                            : directory.recognised().byId(ca.issuerId()).map(RecognisedCa::name).orElse("?");
                    out.printf(Locale.ROOT, "%-20s %-20s %-10s %-20s %s%n", ca.name(), issuer, ca.keyAlgorithm(),
                            ca.certificate().getNotAfter().toInstant(), ca.certificate().getSubjectX500Principal().getName());
                }
                out.println(external.size() + (external.size() == 1 ? " external CA" : " external CAs")
                        + " recognised (no key here)");
            }
        }
        return 0;
    }
}

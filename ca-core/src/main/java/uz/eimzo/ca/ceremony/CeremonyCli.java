package uz.eimzo.ca.ceremony;

import org.springframework.dao.DataAccessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.LintException;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The key-ceremony command line: creates the root and issuing CAs, imports existing ones, lists, shows and
 * exports CA certificates. Exit codes: 0 done, 1 refused by the CA's rules, 2 bad command line,
 * 3 key store or token unavailable, 4 database unavailable, 70 internal error.
 */
@Command(name = "eimzo-ceremony", mixinStandardHelpOptions = true, version = "E-IMZO CA key ceremony 0.1",
        description = "Key ceremony for the E-IMZO CA: create, import, list and export certification authorities.",
        subcommands = {InitRootCommand.class, InitIssuingCommand.class, ImportCommand.class, ListCommand.class, VerifyAuditCommand.class,
                ShowCommand.class, ExportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused by the CA's rules (unknown CA, name taken, key mismatch, lint)",
                "2:bad command line (option, algorithm, subject, period, missing secret)",
                "3:key store or token unavailable (wrong password or PIN, missing key)",
                "4:database unavailable", "70:internal error"})
public final class CeremonyCli implements Runnable {

    static final int INTERNAL = 70;

    private final Terminal terminal;

    public CeremonyCli(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Name a command: init-root, init-issuing, "
                + "import, list, show or export (see --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), args));
    }

    /** Runs one command line and returns its exit code; prints results to the terminal, never a user's stack trace. */
    public static int execute(Terminal terminal, String... args) {
        CommandLine commandLine = new CommandLine(new CeremonyCli(terminal))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(terminal.out())
                .setErr(terminal.err())
                .setParameterExceptionHandler((e, parsedArgs) -> {
                    terminal.err().println("error: " + e.getMessage());
                    terminal.err().println("Run with --help for usage.");
                    terminal.err().flush();
                    return CeremonyException.USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> report(terminal.err(), e));
        int code = commandLine.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    private static int report(PrintWriter err, Exception e) {
        int code;
        String message;
        if (e instanceof CeremonyException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof LintException lint) {
            code = CeremonyException.REFUSED;
            message = "refused by lint: " + String.join("; ", lint.findings());
        } else if (e instanceof KeyUnavailableException) {
            code = CeremonyException.KEYS;
            message = e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            // AuthorityException, IssuanceException, ProfileException, MalformedInputException: the rules refused.
            code = CeremonyException.REFUSED;
            message = e.getMessage();
        } else if (e instanceof DataAccessException d) {
            code = CeremonyException.DATABASE;
            message = "database error: " + d.getMostSpecificCause().getMessage();
        } else {
            err.println("internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return INTERNAL;
        }
        err.println("error: " + message);
        err.flush();
        return code;
    }

    /** Colon-separated upper-case hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String fingerprint(byte[] der) {
        String hex = HexFormat.of().withUpperCase().formatHex(Certificates.sha256(der));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** The lines an operator checks and writes in the ceremony minutes. */
    static void describe(PrintWriter out, CertificateAuthority ca, String parentName) {
        var cert = ca.certificate();
        out.printf(Locale.ROOT, "  name:        %s%n", ca.name());
        out.printf(Locale.ROOT, "  role:        %s%n", ca.root() ? "root" : "issuing, under " + parentName);
        out.printf(Locale.ROOT, "  subject:     %s%n", cert.getSubjectX500Principal().getName());
        out.printf(Locale.ROOT, "  issuer:      %s%n", cert.getIssuerX500Principal().getName());
        out.printf(Locale.ROOT, "  serial:      %s%n", cert.getSerialNumber().toString(16));
        out.printf(Locale.ROOT, "  valid:       %s to %s%n", cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        out.printf(Locale.ROOT, "  algorithm:   %s (%s)%n", ca.keyAlgorithm(), cert.getSigAlgName());
        out.printf(Locale.ROOT, "  SHA-256:     %s%n", fingerprint(Certificates.der(cert)));
        out.printf(Locale.ROOT, "  key:         %s%n", ca.keyReference());
    }

    /** The same lines for a recognised external CA, with the chain of recognised CAs that verified it. */
    static void describe(PrintWriter out, RecognisedCa ca, List<RecognisedCa> chain) {
        var cert = ca.certificate();
        out.printf(Locale.ROOT, "  name:        %s%n", ca.name());
        out.printf(Locale.ROOT, "  role:        %s%n", ca.root() ? "external root (self-signature verified)"
                : "external CA, signature verified under " + chain.get(1).name());
        out.printf(Locale.ROOT, "  chain:       %s%n", String.join(" -> ", chain.stream().map(RecognisedCa::name).toList()));
        out.printf(Locale.ROOT, "  subject:     %s%n", cert.getSubjectX500Principal().getName());
        out.printf(Locale.ROOT, "  issuer:      %s%n", cert.getIssuerX500Principal().getName());
        out.printf(Locale.ROOT, "  serial:      %s%n", cert.getSerialNumber().toString(16));
        out.printf(Locale.ROOT, "  valid:       %s to %s%n", cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        out.printf(Locale.ROOT, "  algorithm:   %s (%s)%n", ca.keyAlgorithm(), cert.getSigAlgName());
        out.printf(Locale.ROOT, "  SHA-256:     %s%n", fingerprint(Certificates.der(cert)));
        out.printf(Locale.ROOT, "  key:         none (external: recognised, cannot sign here)%n");
    }
}

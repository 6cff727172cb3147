package uz.eimzo.ca.x509;

import java.util.List;

/** The linter found problems: the certificate is not signed. */
public class LintException extends RuntimeException {
    private final List<String> findings;

    public LintException(List<String> findings) {
        super("Certificate refused by lint: " + String.join("; ", findings));
        this.findings = List.copyOf(findings);
    }

    public List<String> findings() {
        return findings;
    }
}

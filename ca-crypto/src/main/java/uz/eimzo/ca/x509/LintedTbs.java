package uz.eimzo.ca.x509;

/** A to-be-signed certificate that passed {@link Linter}: only the linter can make one. */
public final class LintedTbs {

    private final TbsCertificate tbs;

    LintedTbs(TbsCertificate tbs) {
        this.tbs = tbs;
    }

    public TbsCertificate tbs() {
        return tbs;
    }
}

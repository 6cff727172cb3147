package uz.eimzo.ca.signing;

import uz.eimzo.ca.x509.LintedTbs;

/**
 * Records a linted TBS before it is signed: an issuer's PENDING certificate row (committed when this returns), or a
 * root's ceremony audit entry. Throwing refuses the signature.
 */
@FunctionalInterface
public interface Recording {

    void record(LintedTbs linted);
}

package uz.eimzo.ra.cmp;

import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.authority.CertificateAuthority;

/**
 * Gives the signer of a CMP answer for a CA, in its key's own algorithm: {@code CmpProtection#signerFor} of the signing
 * module (a seam tests use to inject faults).
 */
@FunctionalInterface
interface AnswerSigner {

    ContentSigner signerFor(CertificateAuthority authority);
}

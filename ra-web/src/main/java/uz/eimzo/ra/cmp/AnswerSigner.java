package uz.eimzo.ra.cmp;

import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.authority.CertificateAuthority;

/** Gives the signer of a CMP answer for a CA: its own key, in its own algorithm (a seam tests use to inject faults). */
@FunctionalInterface
interface AnswerSigner {

    ContentSigner signerFor(CertificateAuthority authority);
}

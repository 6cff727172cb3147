package uz.eimzo.tsa.verification;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.util.List;
import java.util.Optional;

/**
 * A CMS SignedData read in full: its signers, the certificates it carries and the content it signs.
 *
 * @param content  the signed bytes when known (attached, or given beside a detached signature); null when only
 *                 their hash was given
 * @param attached whether the content travelled inside the CMS
 */
public record SignedDocument(CMSSignedData cms, List<SignerInformation> signers,
                             List<X509CertificateHolder> certificates, byte[] content, boolean attached) {

    /** The certificate the document carries for {@code signer}, if it does. */
    public Optional<X509CertificateHolder> certificateOf(SignerInformation signer) {
        return certificates.stream().filter(c -> signer.getSID().match(c)).findFirst();
    }
}

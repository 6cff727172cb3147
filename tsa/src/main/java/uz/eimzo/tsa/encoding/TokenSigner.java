package uz.eimzo.tsa.encoding;

import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.cert.X509Certificate;

/**
 * What token (and signed answer) encoding needs of the TSA key, which {@code uz.eimzo.tsa.signing} holds: a signer to keep for one
 * thread's successive tokens, the key's algorithm (it decides the content digest) and the certificate the CA gave it.
 * Equal signers stand for the same key and certificate.
 */
public interface TokenSigner {

    /** A signer that empties its buffer after each signature, for one thread; never shared between threads. */
    ContentSigner reusableContentSigner();

    /** A signer for one signature (it buffers what it signs), e.g. of a signed verification answer. */
    ContentSigner contentSigner();

    KeyAlgorithm algorithm();

    X509Certificate certificate();
}

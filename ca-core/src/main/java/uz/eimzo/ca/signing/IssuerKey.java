package uz.eimzo.ca.signing;

import java.security.PublicKey;

/** What a TBS needs to name its issuer's key: the public key (for the authority key identifier) and its algorithm. */
public record IssuerKey(PublicKey publicKey, String signatureAlgorithm) {
}

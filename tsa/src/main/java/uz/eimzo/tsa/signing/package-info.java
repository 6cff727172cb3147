/**
 * The TSA's signing key and certificate: made in its own PKCS#12 file or PKCS#11 token, certified by the CA's
 * clustered job through table {@code responder_certificate} (purpose TSA), rolled over before expiry.
 */
package uz.eimzo.tsa.signing;

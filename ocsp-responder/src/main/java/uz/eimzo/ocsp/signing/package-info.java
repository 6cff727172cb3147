/**
 * The responder's own keys: one delegated signing key and certificate per CA, made in that CA's algorithm, filed
 * for the CA to certify and rolled over before expiry. May use: ca-crypto's keys and x509, authorities, PostgreSQL. The
 * only package of the responder that opens a key.
 */
package uz.eimzo.ocsp.signing;

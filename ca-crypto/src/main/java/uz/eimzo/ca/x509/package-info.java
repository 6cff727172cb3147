/**
 * The one place Bouncy Castle is used: DER encoding of names, extensions, to-be-signed certificates,
 * PKCS#10 parsing and the pre-signing lint, and reading other CAs' CRLs and OCSP answers (ExternalCrlReader,
 * ExternalOcspClient). Everything it exposes is a JDK type or a record of them.
 */
package uz.eimzo.ca.x509;

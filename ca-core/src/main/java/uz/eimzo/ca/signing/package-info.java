/**
 * The signing module: the only code of the CA and the RA that holds the CA's keys ({@code uz.eimzo.ca.keys.KeyStorage},
 * {@code KeyResolver}, {@code SigningKey}). {@link uz.eimzo.ca.signing.CaSigner} signs sealed, purpose-typed inputs
 * only, in whatever algorithm the key has (GOST-UZ included), and checks each signature with the CA certificate's
 * public key before it leaves ({@link uz.eimzo.ca.signing.SignatureNotVerified} otherwise):
 * <ul>
 *   <li>a certificate: a {@link uz.eimzo.ca.signing.RecordedTbs}, which only {@code CaSigner.record} makes, after the
 *       caller's {@link uz.eimzo.ca.signing.Recording} (the PENDING row, or a root's audit entry) returned; the TBS is
 *       a {@code LintedTbs}, which only the linter makes. Lint, record, sign, in that order and no other;</li>
 *   <li>a CRL: a TBSCertList of that CA in its key's algorithm;</li>
 *   <li>an audit checkpoint: a statement beginning {@value uz.eimzo.ca.signing.CaSigner#CHECKPOINT_HEADER};</li>
 *   <li>a CMP answer ({@link uz.eimzo.ca.signing.CmpProtection}): a ProtectedPart whose header names the CA as sender
 *       and its key's algorithm;</li>
 *   <li>a health probe ({@link uz.eimzo.ca.signing.KeyProbe}): a fixed text that is no ASN.1 structure.</li>
 * </ul>
 * OCSP responses and time-stamp tokens are not signed with CA keys: the responder and the TSA sign with delegated keys
 * the CA certified ({@code uz.eimzo.ocsp.signing}, {@code uz.eimzo.tsa.signing}).
 *
 * <p>The CA lifecycle makes and imports CA keys through {@link uz.eimzo.ca.signing.CaKeyStore}, which hands out
 * public keys only (it implements the lifecycle's own {@code authority.KeyPlace}). The key ceremony
 * ({@code uz.eimzo.ca.ceremony}, an offline CLI) is part of this signing context: it opens key storages from its
 * options and hands them to a {@code CaSigner} and a {@code CaKeyStore}. A CA node builds its storages here from
 * {@link uz.eimzo.ca.signing.KeyStorageSettings}.
 *
 * <p>May use: {@code uz.eimzo.ca.keys}, {@code uz.eimzo.ca.x509}, {@code uz.eimzo.ca.authority} (the CA's
 * certificate and key reference), Bouncy Castle's ASN.1 classes to check what it signs. Used by: issuance, crl, audit
 * and authority in ca-core; ra-web's configuration (to build the signer and hand out {@code CmpProtection} and
 * {@code KeyProbe}); the CMP server ({@code CmpProtection} only) and the health check ({@code KeyProbe} only). The RA
 * and the registration domain never sign: they ask the CA.
 */
package uz.eimzo.ca.signing;

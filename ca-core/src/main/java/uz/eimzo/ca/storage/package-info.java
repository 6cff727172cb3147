/**
 * The CA's storage: one store per aggregate it owns, each the only code that writes SQL for its tables.
 * {@link uz.eimzo.ca.storage.CertificateStore} holds the {@code certificate} table (the certificate ledger:
 * recorded before signing, then good, suspended or revoked).
 * <p>
 * Consumers do not depend on this package: each declares the few methods it needs as an interface in its own
 * package (e.g. {@code revocation.RevocationStore}), the store implements them, and the wiring
 * ({@link uz.eimzo.ca.CaServices}) hands the store out under those interfaces. So this package may use the
 * consumers' packages (for their interfaces and value types) and {@code x509} to parse stored DER; nothing below
 * the wiring may use it.
 */
package uz.eimzo.ca.storage;

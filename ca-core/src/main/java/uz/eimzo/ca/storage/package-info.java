/**
 * The CA's storage: one store per aggregate it owns, each the only code that writes SQL for its tables.
 * {@link uz.eimzo.ca.storage.CertificateStore} holds the {@code certificate} table as the CA and the RA read it and
 * its status changes (issuance's PENDING row and its completion stay in {@code issuance.Ledger}, the only place a
 * {@code RecordedTbs} is made); {@link uz.eimzo.ca.storage.CmpTransactionStore} holds {@code cmp_transaction}, and
 * runs what must commit with a close (a revocation, spending an enrollment code) in the close's own transaction.
 * <p>
 * Consumers below the wiring do not depend on this package: each declares the few methods it needs as an interface
 * in its own package ({@code revocation.RevocationStore}, {@code issuance.IssuanceStore}) and the store implements
 * them, so this package may use those packages (for their interfaces and value types) and {@code x509} to parse
 * stored DER. The wiring ({@link uz.eimzo.ca.CaServices}) and the applications above it may use the stores.
 */
package uz.eimzo.ca.storage;

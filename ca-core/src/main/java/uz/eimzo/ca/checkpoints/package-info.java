/**
 * Proof that the audit log was not rewritten beyond its hash chain: signed
 * checkpoints of the chain head ({@code AuditCheckpoints}, on a cadence, signed through {@code signing.CaSigner}). Apart
 * from {@code audit} because it needs the CA directory and the signing module, which themselves record audit events.
 * May use: audit, authority, signing, ca-crypto.
 */
package uz.eimzo.ca.checkpoints;

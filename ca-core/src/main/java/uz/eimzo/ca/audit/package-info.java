/**
 * The append-only, hash-chained audit log, its verification, signed checkpoints of the chain head and the alarms
 * raised when a signature the CA just made does not verify. May use: ca-crypto, the CA directory ({@code
 * authority}) and PostgreSQL; the database role of the applications cannot rewrite it.
 */
package uz.eimzo.ca.audit;

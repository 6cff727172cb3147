/**
 * The append-only, hash-chained audit log, its verification and the alarms raised when a signature the CA just made does not
 * verify. Depends on none of the CA's other packages, so every one of them may record here; the database role of the
 * applications cannot rewrite it. Signed checkpoints of the chain live in {@code checkpoints}.
 */
package uz.eimzo.ca.audit;

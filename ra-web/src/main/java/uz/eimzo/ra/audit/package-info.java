/**
 * The auditor's read-only view of the audit log and its checkpoints. May use: ca-core's audit.
 */
package uz.eimzo.ra.audit;

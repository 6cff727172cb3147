/**
 * Revoke, suspend (certificateHold) and restore, each a new revision announced with PostgreSQL {@code NOTIFY};
 * revocation codes for applicants who lost their key; reading a requested reason by RFC 5280 name or code. May use:
 * certificates, authority, audit, refusal.
 */
package uz.eimzo.ca.revocation;

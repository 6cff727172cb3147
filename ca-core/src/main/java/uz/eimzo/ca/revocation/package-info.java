/**
 * A certificate's status: its record ({@code CertificateRecord}), the statuses and RFC 5280 reasons, and the
 * operations that change them: revoke, suspend (certificateHold) and restore, each a new revision announced with
 * PostgreSQL {@code NOTIFY}; revocation codes for applicants who lost their key; reading a requested reason by
 * RFC 5280 name or code. {@code RevocationStore} is what it needs of the certificate store, which implements it.
 * May use: authority, audit, refusal; never storage (storage depends on this package).
 */
package uz.eimzo.ca.revocation;

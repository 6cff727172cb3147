/**
 * The one path to an end-entity certificate: request checked against its profile, random serial, lint, recorded as
 * PENDING ({@code RecordedTbs}), signed ({@code CertificateSigner}), verified, stored and audited before it is
 * returned; server-side keys as E-IMZO PKCS#12 files. May use: ca-crypto, profile, authority, certificates, audit.
 */
package uz.eimzo.ca.issuance;

/**
 * The certificate table as the CA reads it ({@code CertificateRepository}), a row ({@code CertificateRecord}), its
 * lifecycle ({@code CertificateStatus}) and the RFC 5280 revocation reasons. May use: ca-crypto's DER helpers and
 * PostgreSQL.
 */
package uz.eimzo.ca.certificates;

/**
 * Full and delta CRLs per CA, streamed from the database, numbered under a row lock so any number of CA nodes
 * produce one sequence, signed with the CA key and stored. May use: ca-crypto ({@code CrlEncoder}), the CA
 * directory, the audit log.
 */
package uz.eimzo.ca.crl;

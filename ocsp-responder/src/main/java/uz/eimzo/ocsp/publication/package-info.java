/**
 * The CRLs and CA certificates relying parties download, read from the primary or from a read replica while it is
 * fresh enough. May use: replica, PostgreSQL.
 */
package uz.eimzo.ocsp.publication;

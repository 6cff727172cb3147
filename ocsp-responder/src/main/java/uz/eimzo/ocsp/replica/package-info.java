/**
 * Where the responder's reads go: the read replica while its lag is within bounds, the primary otherwise and for
 * certificates whose status just changed. May use: PostgreSQL only.
 */
package uz.eimzo.ocsp.replica;

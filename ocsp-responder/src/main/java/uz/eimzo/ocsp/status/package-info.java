/**
 * Certificate statuses in memory: the served CAs, a compact serial index of every certificate, the response cache,
 * and the database's status channel that keeps them true. May use: protocol, replica, ca-crypto's DER helpers,
 * PostgreSQL.
 */
package uz.eimzo.ocsp.status;

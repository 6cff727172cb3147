/**
 * Certificate statuses in memory: a compact serial index of every certificate, the response cache, answers signed
 * ahead of time, and the database's status channel that keeps them true. May use: authorities, protocol, signing (the
 * pre-signer asks the delegated signers), replica, ca-crypto's DER helpers, PostgreSQL.
 */
package uz.eimzo.ocsp.status;

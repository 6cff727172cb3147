/**
 * The CAs this responder answers for, as table {@code ca} describes them, held in memory and matched against the
 * CertIDs of requests. Both the status index and the delegated signers start from this list. May use: protocol,
 * replica, ca-crypto's DER helpers, PostgreSQL.
 */
package uz.eimzo.ocsp.authorities;

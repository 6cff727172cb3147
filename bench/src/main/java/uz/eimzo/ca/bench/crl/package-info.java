/**
 * Full CRL generation at 100k and 1M revoked entries, timed and with the heap it needs. May use: the CA core (crl,
 * authority, keys) and test-support's PostgreSQL. Not part of the test command.
 */
package uz.eimzo.ca.bench.crl;

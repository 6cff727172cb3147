/**
 * OCSP throughput and latency: our responder (a separate JVM, as deployed) beside openssl's, and at scale over
 * millions of certificates bulk-inserted with COPY. May use: the CA core to make the CA and certificates, Bouncy
 * Castle to build requests, plain JDBC to fill the database. Not part of the test command.
 */
package uz.eimzo.ca.bench.ocsp;

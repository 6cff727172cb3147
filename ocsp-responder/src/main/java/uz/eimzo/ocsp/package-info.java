/**
 * The OCSP responder and CRL publisher application: its settings and wiring. It reads the CA's database with a
 * read-only role and holds only its own delegated keys. May use: its own packages, ca-crypto and monitoring; never
 * ca-core.
 */
package uz.eimzo.ocsp;

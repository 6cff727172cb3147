/**
 * Answers OCSP requests: finds the issuer, reads statuses or a cached signed answer, signs with the CA's delegated
 * responder key; every failure is an OCSP error status, never an exception. May use: protocol, signing, status, ca-
 * crypto's DER helpers.
 */
package uz.eimzo.ocsp.responding;

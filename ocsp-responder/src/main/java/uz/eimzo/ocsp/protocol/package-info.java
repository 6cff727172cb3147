/**
 * OCSP and PKCS#10 encoding: the only package of the responder that imports Bouncy Castle. Everything it
 * exposes uses JDK types and records, so the rest of the responder never sees ASN.1.
 */
package uz.eimzo.ocsp.protocol;

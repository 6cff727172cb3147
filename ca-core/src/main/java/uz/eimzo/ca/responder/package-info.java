/**
 * The CA side of delegated OCSP responder and TSA certificates: certifies the keys responders and time-stamp
 * authorities file in table {@code responder_certificate}. May use: ca-crypto, authority, issuance.
 */
package uz.eimzo.ca.responder;

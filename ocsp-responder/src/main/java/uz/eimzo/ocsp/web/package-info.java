/**
 * HTTP: OCSP by POST and GET (RFC 6960 appendix A, RFC 5019), CRLs and CA certificates at the URLs our certificates
 * name, health and error paths. Controllers are package-private. May use: the responder's packages and monitoring.
 */
package uz.eimzo.ocsp.web;

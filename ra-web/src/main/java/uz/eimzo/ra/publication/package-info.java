/**
 * CA certificates for operators and applicants to download (DER or PEM). May use: the CA core's directory, ca-
 * crypto's DER helpers.
 */
package uz.eimzo.ra.publication;

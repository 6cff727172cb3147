/**
 * The certificate pages: search, details, downloads, and revoke, suspend and restore with confirmation. May use:
 * registration's search, the CA core's revocation and certificates, home, security.
 */
package uz.eimzo.ra.certificates;

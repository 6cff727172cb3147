/**
 * The applicants' own pages without an operator: certificate status, lost-key revocation with the revocation code,
 * renewal with a signed challenge. May use: the CA core's services, ca-crypto's parsers, CMP's renewal window; it
 * never signs.
 */
package uz.eimzo.ra.selfservice;

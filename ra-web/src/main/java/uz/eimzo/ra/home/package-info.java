/**
 * What every page shares: the list of CAs, error pages for refusals, refusal texts in the reader's language, one-
 * time result pages kept in the session, download file names. May use: registration, the CA core's refusals, ca-
 * crypto's DER helpers.
 */
package uz.eimzo.ra.home;

/**
 * The CA core assembled on one database ({@code CaServices}): what the RA application, the ceremony command line
 * and the tests call. Only the composition root lives here; everything else is in a subpackage. May use: every
 * package of ca-core and ca-crypto; nothing of registration, ra-web or the responder.
 */
package uz.eimzo.ca;

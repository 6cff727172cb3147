/**
 * Uzbekistan's national signature algorithm (O'z DSt 1092:2009-2 keys, O'z DSt 1106:2009 hashes; the 2024 O'z MSt
 * family read the same way) as a small JCA provider over Bouncy Castle's GOST R 34.10-2001 mathematics, with keys
 * encoded as real E-IMZO certificates encode them. May use: Bouncy Castle and the JDK; no other package of ours.
 */
package uz.eimzo.ca.gost;

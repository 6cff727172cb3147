/**
 * RFC 3161 / RFC 5816 on the wire: parsing and checking {@code TimeStampReq}, signing tokens with the project's
 * {@link uz.eimzo.ca.keys.SigningKey} (GOST-UZ, ECDSA, RSA) through Bouncy Castle's TSP classes, and the refusals.
 */
package uz.eimzo.tsa.encoding;

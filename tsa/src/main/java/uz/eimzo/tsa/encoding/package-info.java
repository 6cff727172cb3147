/**
 * RFC 3161 / RFC 5816 on the wire: parsing and checking {@code TimeStampReq}, signing tokens through the Bouncy Castle
 * {@code ContentSigner} that {@code uz.eimzo.tsa.signing} gives for the TSA key (GOST-UZ, ECDSA, RSA; never the key
 * itself) with Bouncy Castle's TSP classes, and the refusals; and the CMS SignedData of signed verification answers
 * through the same signer.
 */
package uz.eimzo.tsa.encoding;

/**
 * Adds time-stamp tokens to the signers of a PKCS#7 (unsigned attribute id-aa-signatureTimeStampToken, RFC 3161
 * appendix A), made by this application's own TSA in-process, with the same checks and ledger as {@code POST /tsa}.
 */
package uz.eimzo.tsa.attachment;

/**
 * Signed-document verification for relying parties: a CMS/PKCS#7 signature is checked signer by signer (the
 * signature, the time-stamp token if any, the chain to one of our CAs or a recognised external CA, the certificate's
 * status at signing time and now from our own records, or for a recognised external CA from its OCSP responder
 * and CRL) and ends in one {@link uz.eimzo.tsa.verification.Verdict}
 * per signer. Nothing here trusts the document: every way its bytes can be wrong is a
 * {@link uz.eimzo.tsa.verification.MalformedDocumentException} or a verdict, never another exception.
 */
package uz.eimzo.tsa.verification;

/**
 * The CAs of this centre: those it operates (root, issuing, imported with their keys; {@link
 * uz.eimzo.ca.authority.CaDirectory}) and those it only recognises without a key ({@link
 * uz.eimzo.ca.authority.RecognisedCas}), which can anchor a chain but never sign.
 */
package uz.eimzo.ca.authority;

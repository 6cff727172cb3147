/**
 * Caps on request bodies before anything reads them (CMP, API, forms with scans). May use: the Servlet API only.
 */
package uz.eimzo.ra.limits;

/**
 * Caps on request bodies before anything reads them (CMP, API, forms with scans) and the scan upload settings
 * ({@code eimzo.ra.scans.*}). May use: the Servlet API and Spring's configuration binding only.
 */
package uz.eimzo.ra.limits;

/**
 * Answers the service signs for relying parties to keep as proof (a verification verdict): with the TSA's certified
 * key, through the encoding package's CMS, never the key itself.
 */
package uz.eimzo.tsa.answers;

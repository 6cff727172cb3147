/** The RFC 3161 time-stamp authority application (docs/tsa.md). */
package uz.eimzo.tsa;

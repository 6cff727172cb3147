/**
 * Uzbek identifiers, checked without a database: PINFL (check digit, birth date, sex), STIR, passport and ID card
 * numbers. May use: {@code refusal} only.
 */
package uz.eimzo.ca.identity;

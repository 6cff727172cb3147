/**
 * Operator accounts: lookup, lockout bookkeeping, TOTP secrets sealed with the personal-data key, RFC 6238 codes.
 * May use: registration's cipher, PostgreSQL.
 */
package uz.eimzo.ra.operator;

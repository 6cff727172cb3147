/**
 * Operator accounts: lookup, lockout bookkeeping, TOTP secrets sealed with the personal-data key, RFC 6238 codes, and
 * the signed-in operator ({@code OperatorUser}) that every page, the API and the client-certificate sign-in act as.
 * May use: registration, PostgreSQL; never security, api or mtls (they depend on this package).
 */
package uz.eimzo.ra.operator;

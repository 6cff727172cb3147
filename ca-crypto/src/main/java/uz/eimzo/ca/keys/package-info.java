/**
 * Private keys that sign but never leave their store: {@code SigningKey}, {@code KeyStorage} (PKCS#12 file, PKCS#11
 * token, memory), {@code KeyResolver} for database key references, key files written 0600, and {@code
 * SoftwareEcdsa} (Bouncy Castle's ECDSA with RFC 6979 nonces for in-process keys). May use: gost, Bouncy Castle,
 * the JDK. Only the signing code may use these types (the architecture test checks it).
 */
package uz.eimzo.ca.keys;

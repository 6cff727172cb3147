/**
 * The registration and certification application (port 8080): operators' pages, the JSON API, CMP and self-service
 * over the CA core. May use: its own packages, registration, ca-core, ca-crypto, monitoring.
 */
package uz.eimzo.ra;

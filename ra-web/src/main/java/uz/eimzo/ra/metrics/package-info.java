/**
 * The CA node's meters: issuance decisions and latency, status changes, CRL age, certificates about to expire. May
 * use: the CA core's observers and certificates, monitoring.crl, Micrometer.
 */
package uz.eimzo.ra.metrics;

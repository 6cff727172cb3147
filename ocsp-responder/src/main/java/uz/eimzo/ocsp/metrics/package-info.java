/**
 * The responder's meters: answers by outcome with latency, response-cache hits and misses.
 * May use: responding, status, monitoring.crl, Micrometer.
 */
package uz.eimzo.ocsp.metrics;

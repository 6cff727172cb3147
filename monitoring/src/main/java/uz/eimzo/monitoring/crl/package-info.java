/**
 * CRL freshness as relying parties see it (newest full and delta CRL of every active CA), with its health indicator
 * and meters, shared by the CA node and the responder. May use: PostgreSQL and monitoring.health; no other module
 * of ours.
 */
package uz.eimzo.monitoring.crl;

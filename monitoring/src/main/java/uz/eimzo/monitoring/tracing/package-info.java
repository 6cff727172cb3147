/**
 * A request id for every request (the caller's when safe, else a fresh UUID), in the logs and the response. May
 * use: the Servlet API and SLF4J only.
 */
package uz.eimzo.monitoring.tracing;

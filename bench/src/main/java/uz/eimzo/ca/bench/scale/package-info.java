/**
 * The scale-out load driver: two CA/RA nodes and two responders as separate JVMs on one PostgreSQL, load through
 * the JSON API and OCSP, one node of each killed half-way, then a check that nothing was lost or answered wrongly.
 * {@code ScaleOut} is the load; {@code Cluster} runs the processes, {@code CpuAccounting} reads /proc, {@code
 * Verification} checks the outcome, {@code Report} writes the Markdown. May use: the exec jars it starts, JDK HTTP
 * and JDBC, Bouncy Castle for requests; no CA code beyond identity and key types.
 */
package uz.eimzo.ca.bench.scale;

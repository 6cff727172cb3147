/**
 * What the tests share: one real PostgreSQL per test JVM (external, Testcontainers or embedded) with a migrated
 * database per test class, private and replicated servers, SoftHSM2 tokens, a Prometheus parser and the
 * configuration-reference check. May use: db-migrations and JDBC; nothing of the CA.
 */
package uz.eimzo.ca.testing;

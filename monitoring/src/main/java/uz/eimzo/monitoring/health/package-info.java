/**
 * Health that answers in bounded time whatever the database does (a hung PostgreSQL is reported DOWN, never waited
 * for), and the status-only health the public port keeps for load balancers when actuator has a port of its own.
 */
package uz.eimzo.monitoring.health;

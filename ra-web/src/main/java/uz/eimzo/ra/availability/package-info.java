/**
 * A clean 503 with Retry-After, and nothing half-applied, while PostgreSQL is unreachable. May use: the API's
 * problem shape, Spring's data-access exceptions.
 */
package uz.eimzo.ra.availability;

/**
 * Health indicators of the CA node: whether it can sign with the key of every CA it serves. May use: the CA
 * directory and keys, monitoring.health.
 */
package uz.eimzo.ra.health;

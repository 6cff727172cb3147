/**
 * The one-command demo system: embedded PostgreSQL (durable settings) and the RA/CA, responder and TSA applications
 * in one JVM. May use: the three applications and the key-file helpers; nothing else of ours.
 */
package uz.eimzo.launcher;

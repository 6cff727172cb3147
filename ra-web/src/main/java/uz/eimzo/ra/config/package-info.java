/**
 * Wiring of the application: the CA core from {@code eimzo.ca.*}, registration, languages, health and monitoring,
 * the clustered scheduler, and the demo hierarchy on an empty database. May use: everything the application is made
 * of; it holds no logic of its own.
 */
package uz.eimzo.ra.config;

/**
 * Who may reach what: password plus TOTP sign-in with lockout, roles per page, bearer tokens for the API, the sign-
 * in and authenticator enrolment pages. May use: operator, registration, the audit log, monitoring.health.
 */
package uz.eimzo.ra.security;

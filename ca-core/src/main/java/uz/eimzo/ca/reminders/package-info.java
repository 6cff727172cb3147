/**
 * Expiry reminders 30, 7 and 1 day before a certificate ends, each claimed once in the database before it is sent
 * through a {@code Mailbox} (SMTP in the application). May use: PostgreSQL; it knows no mail library.
 */
package uz.eimzo.ca.reminders;

/**
 * Expiry reminders by SMTP (Spring Mail), in Uzbek, Russian and English, run by the CA core's scheduled job when
 * enabled. May use: ca-core's reminders.
 */
package uz.eimzo.ra.reminders;

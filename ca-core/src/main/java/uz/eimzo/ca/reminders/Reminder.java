package uz.eimzo.ca.reminders;

import java.math.BigInteger;
import java.time.Instant;

/** One e-mail to send: the certificate, how many days before its expiry this reminder is, and its holder. */
public record Reminder(int caId, BigInteger serial, int daysBefore, Instant notAfter, String subjectDn, String email,
                       String holderName) {
}

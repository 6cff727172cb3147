package uz.eimzo.ca.reminders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.revocation.CertificateStatus;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finds certificates 30, 7 or 1 day(s) from expiry and e-mails their holders, each reminder at most once.
 *
 * <p>Claim, then send: a reminder is first claimed by inserting (certificate, days) under a primary key, committed,
 * and only the node whose insert succeeded sends it. Two nodes, a rerun or a restart find the row and skip it. If
 * the SMTP server refuses the message the claim is deleted so a later round retries; if the node dies between the
 * claim and the send, that one reminder is lost rather than sent twice — for a courtesy e-mail, at most once is the
 * right side to err on. (Send-then-insert under a lock would resend after a crash between send and insert.)
 */
public final class ExpiryReminders {

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);

    /** Days before expiry at which reminders go out, largest first. */
    public static final List<Integer> DAYS = List.of(30, 7, 1);

    private final JdbcClient jdbc;
    private final Clock clock;

    public ExpiryReminders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The reminders due now that no node has claimed yet: for each certificate, the nearest threshold it has passed. */
    public List<Reminder> due() {
        Instant now = clock.instant();
        // A certificate already renewed (a newer good one for the same holder and profile) needs no reminder. Newer:
        // expiring later, or as late (renewed the day it was issued: one year ends on the same anniversary) but issued
        // later, the revision telling apart two issued within the same second.
        return jdbc.sql("""
                        select c.ca_id, c.serial, c.not_after, c.subject_dn, a.email, a.given_name || ' ' || a.surname as name
                        from certificate c join applicant a on a.id = c.applicant_id
                        where c.status = %s and c.not_after > ? and c.not_after <= ?
                          and a.email is not null and a.email <> ''
                          and not exists (select 1 from certificate n where n.applicant_id = c.applicant_id
                                and n.profile = c.profile and n.status = c.status
                                and (n.not_after, n.not_before, n.revision) > (c.not_after, c.not_before, c.revision)
                                and n.organisation_id is not distinct from c.organisation_id)
                        order by c.not_after""".formatted(CertificateStatus.sql(CertificateStatus.GOOD)))
                .params(Timestamp.from(now), Timestamp.from(now.plus(Duration.ofDays(DAYS.get(0)))))
                .query((rs, n) -> {
                    Instant notAfter = rs.getTimestamp("not_after").toInstant();
                    return new Reminder(rs.getInt("ca_id"), rs.getBigDecimal("serial").toBigIntegerExact(),
                            threshold(Duration.between(now, notAfter)), notAfter, rs.getString("subject_dn"),
                            rs.getString("email"), rs.getString("name"));
                })
                .list().stream()
                .filter(r -> !claimed(r))
                .toList();
    }

    /** Claims and sends every due reminder; returns how many this node sent. */
    public int sendDue(Mailbox mailbox, String node) {
        int sent = 0;
        for (Reminder reminder : due()) {
            if (!claim(reminder, node)) {
                continue;
            }
            try {
                mailbox.send(reminder);
                jdbc.sql("update expiry_reminder set sent_at = ? where ca_id = ? and serial = ? and days_before = ?")
                        .params(Timestamp.from(clock.instant()), reminder.caId(), new BigDecimal(reminder.serial()),
                                reminder.daysBefore()).update();
                sent++;
            } catch (Exception refused) {
                log.warn("Expiry reminder ({} days) for certificate {} not accepted by the mail server; will retry: {}",
                        reminder.daysBefore(), reminder.serial().toString(16), refused.toString());
                jdbc.sql("delete from expiry_reminder where ca_id = ? and serial = ? and days_before = ? and sent_at is null")
                        .params(reminder.caId(), new BigDecimal(reminder.serial()), reminder.daysBefore()).update();
            }
        }
        return sent;
    }

    private boolean claimed(Reminder reminder) {
        return jdbc.sql("select count(*) from expiry_reminder where ca_id = ? and serial = ? and days_before = ?")
                .params(reminder.caId(), new BigDecimal(reminder.serial()), reminder.daysBefore())
                .query(Integer.class).single() > 0;
    }

    private boolean claim(Reminder reminder, String node) {
        return jdbc.sql("""
                        insert into expiry_reminder (ca_id, serial, days_before, claimed_by, claimed_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(reminder.caId(), new BigDecimal(reminder.serial()), reminder.daysBefore(), node,
                        Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** The smallest threshold not below the time left: 5 days left is the 7-day reminder. */
    static int threshold(Duration left) {
        int days = DAYS.get(0);
        for (int d : DAYS) {
            if (left.compareTo(Duration.ofDays(d)) <= 0) {
                days = d;
            }
        }
        return days;
    }
}

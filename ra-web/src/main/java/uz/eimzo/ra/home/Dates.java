package uz.eimzo.ra.home;

import org.springframework.stereotype.Component;
import uz.eimzo.ca.profile.CertificateProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * The one way pages write a moment: Tashkent time, day first, to the second, with the zone said
 * ({@code 07.12.2026 22:05:13 (UTC+5)}), and a day alone as {@code 07.12.2026}. Certificates end at 23:59:59 Tashkent
 * time, so that is the clock operators and applicants read everywhere (pages use it as {@code @dates}).
 */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** A moment in Tashkent time with its zone; empty for none. */
    public String time(Object moment) {
        Instant instant = instant(moment);
        if (instant == null) {
            return moment instanceof LocalDate day ? DAY.format(day) : "";
        }
        ZonedDateTime there = instant.atZone(CertificateProfile.TASHKENT);
        int hours = there.getOffset().getTotalSeconds() / 3600;
        return TIME.format(there) + " (UTC" + (hours >= 0 ? "+" : "") + hours + ")";
    }

    /** The Tashkent day of a moment, or a date as it is; empty for none. */
    public String day(Object moment) {
        if (moment instanceof LocalDate day) {
            return DAY.format(day);
        }
        Instant instant = instant(moment);
        return instant == null ? "" : DAY.format(instant.atZone(CertificateProfile.TASHKENT));
    }

    private static Instant instant(Object moment) {
        return switch (moment) {
            case Instant i -> i;
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Date d -> d.toInstant();
            case TemporalAccessor t when t.isSupported(ChronoField.INSTANT_SECONDS) -> Instant.from(t);
            case null, default -> null;
        };
    }
}

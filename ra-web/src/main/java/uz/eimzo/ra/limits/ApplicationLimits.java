package uz.eimzo.ra.limits;

import uz.eimzo.ca.registration.OnlineApplications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;

/**
 * Bounds the public application form: so many applications per e-mail address, per phone number and per client
 * address within a window, counted in the database so every RA node counts the same. The client's address is kept
 * only as a SHA-256.
 */
public final class ApplicationLimits {

    /** Which limit an application would pass; the page says which in the applicant's language. */
    public static final class Exceeded extends RuntimeException {
        private final String which;

        Exceeded(String which) {
            super("Too many applications per " + which);
            this.which = which;
        }

        /** {@code email}, {@code phone} or {@code client}. */
        public String which() {
            return which;
        }
    }

    private final OnlineApplications applications;
    private final Clock clock;
    private final Duration window;
    private final int perEmail;
    private final int perPhone;
    private final int perClient;

    public ApplicationLimits(OnlineApplications applications, Clock clock, Duration window, int perEmail, int perPhone,
                             int perClient) {
        this.applications = applications;
        this.clock = clock;
        this.window = window;
        this.perEmail = perEmail;
        this.perPhone = perPhone;
        this.perClient = perClient;
    }

    /** Refuses with {@link Exceeded} when one more application from these would pass a limit. */
    public void check(String email, String phone, byte[] client) {
        OnlineApplications.Recent recent = applications.recent(email, phone, client, clock.instant().minus(window));
        if (recent.byClient() >= perClient) {
            throw new Exceeded("client");
        }
        if (email != null && !email.isBlank() && recent.byEmail() >= perEmail) {
            throw new Exceeded("email");
        }
        if (phone != null && !phone.isBlank() && recent.byPhone() >= perPhone) {
            throw new Exceeded("phone");
        }
    }

    /** The client's fingerprint: SHA-256 of its address. */
    public static byte[] client(String address) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(String.valueOf(address).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package uz.eimzo.ra.apply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Apply online's meters (docs/apply-online.md): applications received, refused at the form, confirmed and refused per
 * channel ({@code web}, {@code centre}, {@code myid}) and reason, and the time from application to collected
 * certificate. Tag values are fixed codes, never what the applicant typed.
 */
public final class ApplicationMeters {

    private final MeterRegistry registry;

    public ApplicationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An application event: {@code received}, {@code refused}, {@code confirmed}, {@code stopped} or {@code collected}. */
    void count(String event, String channel, String reason) {
        Counter.builder("eimzo.applications")
                .description("Online applications by event, channel (web form, centre desk, MyID) and refusal reason")
                .tag("event", event).tag("channel", channel).tag("reason", reason)
                .register(registry).increment();
    }

    void toCertificate(Duration took) {
        Timer.builder("eimzo.applications.to.certificate")
                .description("Time from an online application to the applicant collecting the certificate")
                .register(registry).record(took);
    }
}

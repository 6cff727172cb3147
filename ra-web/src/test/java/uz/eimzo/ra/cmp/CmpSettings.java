package uz.eimzo.ra.cmp;

import java.time.Duration;

/** CMP settings for servers made in tests: the documented defaults, with the one value a test is about. */
final class CmpSettings {

    private CmpSettings() {
    }

    static CmpProperties defaults() {
        return renewalWindow(Duration.ofDays(60));
    }

    static CmpProperties renewalWindow(Duration window) {
        return new CmpProperties(window, Duration.ofMinutes(15), Duration.ofMinutes(1), 10_000, 5, 20, Duration.ofMinutes(15));
    }

    static CmpProperties failedProtections(int limit) {
        CmpProperties d = defaults();
        return new CmpProperties(d.renewalWindow(), d.confirmWindow(), d.confirmationRound(), d.maxPbmIterations(),
                d.enrollmentAttempts(), limit, d.failedProtectionWindow());
    }
}

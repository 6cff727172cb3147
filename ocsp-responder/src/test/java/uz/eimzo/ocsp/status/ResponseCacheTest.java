package uz.eimzo.ocsp.status;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The statuses kept for requests with a nonce follow the same rules as the cached signed answers. */
class ResponseCacheTest {

    private static final int CA = 7;
    private static final BigInteger SERIAL = new BigInteger("5a1f00c0ffee", 16);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant REFRESH = NOW.plusSeconds(300);

    private final ResponseCache cache = new ResponseCache(1000, Clock.fixed(NOW, ZoneOffset.UTC));

    private static CertificateState good() {
        return new CertificateState(SERIAL, "GOOD", null, null);
    }

    @Test
    void statusReadOnceIsKeptUntilItIsDueForRefresh() {
        cache.putState(CA, good(), REFRESH, cache.stamp());

        assertThat(cache.state(CA, SERIAL, NOW)).isEqualTo(good());
        assertThat(cache.state(CA, SERIAL, REFRESH.plusSeconds(1))).isNull();
    }

    @Test
    void statusIsDroppedWhenTheCertificateChanges() {
        cache.putState(CA, good(), REFRESH, cache.stamp());

        cache.invalidate(CA, SERIAL);

        assertThat(cache.state(CA, SERIAL, NOW)).isNull();
    }

    @Test
    void statusReadBeforeAChangeWasAnnouncedIsNotKept() {
        long stamp = cache.stamp();
        cache.invalidate(CA, new BigInteger("99"));

        cache.putState(CA, good(), REFRESH, stamp);

        assertThat(cache.state(CA, SERIAL, NOW)).isNull();
    }

    @Test
    void unknownIsNeverKept() {
        cache.putState(CA, CertificateState.unknown(SERIAL), REFRESH, cache.stamp());

        assertThat(cache.state(CA, SERIAL, NOW)).isNull();
    }

    @Test
    void statusOfTheSameSerialUnderAnotherCaIsNotConfused() {
        cache.putState(CA, good(), REFRESH, cache.stamp());

        assertThat(cache.state(CA + 1, SERIAL, NOW)).isNull();
    }

    @Test
    void clearingDropsKeptStatuses() {
        cache.putState(CA, good(), REFRESH, cache.stamp());

        cache.clear();

        assertThat(cache.state(CA, SERIAL, NOW)).isNull();
    }
}

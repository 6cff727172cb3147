package uz.eimzo.ra.health;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.monitoring.crl.CrlFreshness;
import uz.eimzo.monitoring.crl.CrlHealthIndicator;
import uz.eimzo.ra.support.ObservedRaTestBase;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kubernetes probes and the health details behind them, on the CA node. */
class ProbesTest extends ObservedRaTestBase {

    @Autowired
    CrlHealthIndicator crlHealth;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void databaseBack() throws Exception {
        allowConnections(true);
    }

    private HttpResponse<String> readyEventually() throws Exception {
        HttpResponse<String> readiness = manage("/actuator/health/readiness");
        for (long deadline = System.nanoTime() + 60_000_000_000L; readiness.statusCode() != 200 && System.nanoTime() < deadline; ) {
            Thread.sleep(250);
            readiness = manage("/actuator/health/readiness");
        }
        return readiness;
    }

    @Test
    void readinessIsUpWithoutSignInOnceCrlsArePublished() throws Exception {
        HttpResponse<String> readiness = readyEventually();
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void aDeadDatabaseMakesTheNodeUnreadyButNotDead() throws Exception {
        assertThat(readyEventually().statusCode()).isEqualTo(200);
        allowConnections(false);

        HttpResponse<String> readiness = manage("/actuator/health/readiness");
        HttpResponse<String> liveness = manage("/actuator/health/liveness");

        assertThat(readiness.statusCode()).as("readiness without the database").isEqualTo(503);
        assertThat(liveness.statusCode()).as("liveness without the database: no restart").isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
        allowConnections(true);
        assertThat(readyEventually().statusCode()).as("ready again once the database is back").isEqualTo(200);
    }

    @Test
    void anonymousCallersSeeTheStatusButNoDetails() throws Exception {
        readyEventually();
        HttpResponse<String> health = fetch("/actuator/health");
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.has("components")).as(health.body()).isFalse();
        assertThat(fetch("/actuator/health/caKeys").statusCode()).as("only on the management port").isEqualTo(302);
    }

    @Test
    void theManagementPortShowsWhichKeysAndCrlsAreHealthy() throws Exception {
        readyEventually();
        String body = manage("/actuator/health").body();
        JsonNode components = json.readTree(body).path("components");
        assertThat(components.path("caKeys").path("details").path("demo-issuing").asString()).isEqualTo("usable");
        assertThat(components.path("crl").path("details").path("demo-issuing").path("status").asString()).isEqualTo("fresh");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusIsOpenButOtherActuatorEndpointsNeedAnAdministrator() throws Exception {
        assertThat(manage("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(manage("/actuator/info").statusCode()).isIn(401, 403);
        assertThat(manage("/actuator").statusCode()).isIn(401, 403);
        assertThat(fetch("/requests").statusCode()).as("pages still need a sign-in").isIn(302, 401, 403);
    }

    @Test
    void caKeysAreDownWhenThisNodeDoesNotHoldTheKey() {
        // A node configured without the key storage holding the CA keys: what a lost HSM session looks like.
        var indicator = new CaKeysHealthIndicator(ca.authoritiesDirectory(), new CaSigner(List.of()).keyProbe(),
                List.of("demo-issuing"), Duration.ZERO);

        var health = indicator.health();

        assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(String.valueOf(health.getDetails().get("demo-issuing"))).contains("KeyUnavailableException");
    }

    @Test
    void crlsCloseToTheirNextUpdateAreOutOfServiceAndExpiredOnesDown() throws Exception {
        readyEventually();
        List<CrlFreshness.CaCrls> current = new CrlFreshness(jdbc).current();
        CrlFreshness.CaCrls soonest = current.stream()
                .min(java.util.Comparator.comparing(c -> c.published().stream().map(CrlFreshness.Published::nextUpdate)
                        .min(Instant::compareTo).orElseThrow())).orElseThrow();
        Instant firstNextUpdate = soonest.published().stream().map(CrlFreshness.Published::nextUpdate)
                .min(Instant::compareTo).orElseThrow();

        var nearlyDue = CrlHealthIndicator.health(current, firstNextUpdate.minusSeconds(60), Duration.ofMinutes(10));
        var expired = CrlHealthIndicator.health(current, firstNextUpdate.plusSeconds(1), Duration.ofMinutes(10));

        assertThat(crlHealth.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(nearlyDue.getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
        assertThat(String.valueOf(nearlyDue.getDetails().get(soonest.ca()))).contains("is less than PT10M away");
        assertThat(expired.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(String.valueOf(expired.getDetails().get(soonest.ca()))).contains("has passed");
    }
}

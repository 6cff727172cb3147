package uz.eimzo.ra.api;

import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A revocation through the API is followed by CRLs as eimzo.ca.full-crl-after-revocation (default 5 minutes) says:
 * a delta CRL listing it at once, and a full CRL listing it at once when the newest full CRL is older than that,
 * otherwise one scheduled on the cluster for when that full CRL is 5 minutes old.
 */
class RevocationToFullCrlTest extends RaTestBase {

    private static final String CA = "demo-issuing";

    @Autowired
    CrlIssuer crls;
    @Autowired
    Scheduler scheduler;

    private String token(Actor actor) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
        return token;
    }

    private X509Certificate issueThroughTheApi(String registrar, String supervisor) throws Exception {
        String body = """
                {"idempotencyKey": "%s", "submit": true, "applicant": {
                  "type": "INDIVIDUAL", "surname": "Toshmatov", "givenName": "Alisher", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "PASSPORT", "documentNumber": "AA1234567", "phone": "+998901234567",
                  "representative": false}}""".formatted(UUID.randomUUID(), Operators.pinfl());
        String created = mvc.perform(post("/api/requests").header("Authorization", "Bearer " + registrar)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom());
        String issued = mvc.perform(post("/api/requests/" + id + "/issue").header("Authorization", "Bearer " + registrar)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String pem = issued.replaceAll("(?s).*\"certificate\":\"([^\"]+)\".*", "$1").replace("\\n", "\n");
        return Certificates.parse(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
    }

    private boolean lists(boolean delta, BigInteger serial) {
        return crls.latest(CA, delta).map(der -> CrlEncoder.parse(der).getRevokedCertificate(serial) != null).orElse(false);
    }

    @Test
    void aRevocationThroughTheApiIsOnTheDeltaCrlAtOnceAndOnAFullCrlWithinTheSetting() throws Exception {
        long centre = operators.centre(false);
        String registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        String supervisor = token(operators.operator(centre, "p", Actor.Role.SUPERVISOR));
        X509Certificate certificate = issueThroughTheApi(registrar, supervisor);
        BigInteger serial = certificate.getSerialNumber();
        while (crls.latest(CA, false).isEmpty()) {
            Thread.sleep(100); // the first scheduled round's full CRL
        }
        Instant lastFull = CrlEncoder.parse(crls.latest(CA, false).orElseThrow()).getThisUpdate().toInstant();

        mvc.perform(post("/api/certificates/" + CA + "/" + serial.toString(16) + "/revoke")
                        .header("Authorization", "Bearer " + supervisor)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"KEY_COMPROMISE\"}"))
                .andExpect(status().isOk());
        Instant revoked = Instant.now();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!lists(false, serial) && !lists(true, serial) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Instant due = lastFull.plus(Duration.ofMinutes(5));
        if (!revoked.isBefore(due)) {
            assertThat(lists(false, serial)).as("the full CRL is older than 5 minutes: a full CRL at once").isTrue();
        } else {
            assertThat(lists(true, serial)).as("a delta CRL at once").isTrue();
            assertThat(lists(false, serial) || scheduler.checkExists(
                    TriggerKey.triggerKey("full-crl:" + CA + ":" + due.getEpochSecond(), "eimzo-ca")))
                    .as("a full CRL scheduled for " + due).isTrue();
        }
    }
}

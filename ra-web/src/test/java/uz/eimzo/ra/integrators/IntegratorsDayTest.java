package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service centre's whole day through the JSON API alone (issue 18): an administrator hands out two tokens (a
 * registrar's portal and a supervisor's), and from then on everything is HTTP with a bearer token: register, be
 * refused one's own approval, be approved by the second token, issue, download, suspend, restore, revoke; a server-made
 * key and an enrollment code; every serial a hexadecimal string.
 */
class IntegratorsDayTest extends RaTestBase {

    HttpIntegrator portal;
    HttpIntegrator supervisor;
    HttpIntegrator otherCentre;

    @BeforeEach
    void tokens() throws Exception {
        long centre = operators.centre(true);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        Actor registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
        Actor approver = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        Actor stranger = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
        portal = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, registrar.operatorId(), "portal-" + UUID.randomUUID(), 30));
        supervisor = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, approver.operatorId(), "sv-" + UUID.randomUUID(), 30));
        otherCentre = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, stranger.operatorId(), "x-" + UUID.randomUUID(), 30));
    }

    private static String individual(String pinfl) {
        return """
                {"idempotencyKey": "%s", "submit": true, "applicant": {
                  "type": "INDIVIDUAL", "surname": "Rahimova", "givenName": "Nodira", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD7654321", "phone": "+998901112233",
                  "representative": false}}""".formatted(UUID.randomUUID(), pinfl);
    }

    private long registered() throws Exception {
        HttpIntegrator.Answer created = portal.post("/api/requests", individual(Operators.pinfl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("SUBMITTED");
        return created.json().path("id").asLong();
    }

    private static String csr(KeyPair key) {
        return "{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}";
    }

    private static X509Certificate pem(String text) {
        return Certificates.parse(Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "")));
    }

    @Test
    void registerApproveIssueDownloadSuspendRestoreRevoke() throws Exception {
        long id = registered();

        // Four eyes: the portal's operator registered it, so it may not approve it, and it cannot be issued yet.
        assertThat(portal.post("/api/requests/" + id + "/approve", null).text("error")).isEqualTo("request.fourEyes");
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThat(portal.post("/api/requests/" + id + "/issue", csr(key)).text("error")).isEqualTo("request.notApproved");
        // Another centre does not even see it.
        assertThat(otherCentre.post("/api/requests/" + id + "/approve", null).status()).isEqualTo(404);

        HttpIntegrator.Answer approved = supervisor.post("/api/requests/" + id + "/approve", null);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("APPROVED");

        HttpIntegrator.Answer issued = portal.post("/api/requests/" + id + "/issue", csr(key));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String ca = issued.text("ca");
        String serial = issued.text("serial");
        assertThat(issued.json().path("serial").isString()).isTrue();
        assertThat(serial).matches("[0-9a-f]+");
        assertThat(issued.text("revocationCode")).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        X509Certificate certificate = pem(issued.text("certificate"));
        assertThat(certificate.getSerialNumber()).isEqualTo(new BigInteger(serial, 16));
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());

        HttpIntegrator.Answer request = portal.get("/api/requests/" + id);
        assertThat(request.text("status")).isEqualTo("ISSUED");
        assertThat(request.json().path("issuedSerial").isString()).isTrue();
        assertThat(request.text("issuedSerial")).isEqualTo(serial);
        assertThat(request.text("issuedCa")).isEqualTo(ca);

        HttpIntegrator.Answer read = portal.get("/api/certificates/" + ca + "/" + serial.toUpperCase());
        assertThat(read.text("serial")).isEqualTo(serial);
        assertThat(read.text("status")).isEqualTo("GOOD");
        assertThat(read.json().path("chain").size()).isEqualTo(2);
        HttpIntegrator.Answer chain = portal.get("/api/certificates/" + ca + "/" + serial + "/download?format=chain");
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.body().split("-----BEGIN CERTIFICATE-----")).hasSize(4);
        assertThat(pem(chain.body().split("(?=-----BEGIN CERTIFICATE-----)")[0])).isEqualTo(certificate);

        // The registrar-only portal token cannot change a status; the supervisor's can.
        HttpIntegrator.Answer suspended = supervisor.post("/api/certificates/" + ca + "/" + serial + "/suspend", null);
        assertThat(suspended.text("status")).isEqualTo("HOLD");
        assertThat(supervisor.post("/api/certificates/" + ca + "/" + serial + "/suspend", null).status()).isEqualTo(400);
        assertThat(supervisor.post("/api/certificates/" + ca + "/" + serial + "/restore", null).text("status")).isEqualTo("GOOD");
        HttpIntegrator.Answer revoked = supervisor.post("/api/certificates/" + ca + "/0x" + serial + "/revoke",
                "{\"reason\": \"keyCompromise\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(portal.get("/api/certificates/" + ca + "/" + serial).text("revocationReason")).isEqualTo("KEY_COMPROMISE");
    }

    @Test
    void aServerMadeKeyComesBackOnceAsAPkcs12FileWithItsPassword() throws Exception {
        long id = registered();
        supervisor.post("/api/requests/" + id + "/approve", null);

        HttpIntegrator.Answer issued = portal.post("/api/requests/" + id + "/issue", "{\"keyOption\": \"SERVER_KEY\"}");

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.text("pkcs12FileName")).matches("DS\\d+\\.pfx");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(Base64.getDecoder().decode(issued.text("pkcs12"))),
                issued.text("pkcs12Password").toCharArray());
        X509Certificate inFile = (X509Certificate) p12.getCertificate(p12.aliases().nextElement());
        assertThat(inFile.getSerialNumber().toString(16)).isEqualTo(issued.text("serial"));
    }

    @Test
    void anEnrollmentCodeIsHandedOutForTheApplicantsCmpClient() throws Exception {
        long id = registered();
        supervisor.post("/api/requests/" + id + "/approve", null);

        HttpIntegrator.Answer code = portal.post("/api/requests/" + id + "/enrollment-code", "{\"validityDays\": 3}");

        assertThat(code.status()).as(code.body()).isEqualTo(201);
        assertThat(code.text("reference")).isNotBlank();
        assertThat(code.text("secret")).isNotBlank();
        assertThat(code.text("revocationCode")).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        assertThat(jdbc.sql("select count(*) from enrollment_code where request_id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aPassportScanIsAttachedListedAndReadBackAndAFileOfAnotherKindIsA400() throws Exception {
        long id = registered();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        String content = Base64.getEncoder().encodeToString(png.toByteArray());

        HttpIntegrator.Answer attached = portal.post("/api/requests/" + id + "/scans",
                "{\"kind\": \"ID_CARD\", \"contentType\": \"image/png\", \"content\": \"" + content + "\"}");
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        long scan = attached.json().path("id").asLong();

        assertThat(supervisor.get("/api/requests/" + id + "/scans").json().get(0).path("kind").asString()).isEqualTo("ID_CARD");
        HttpIntegrator.Answer read = supervisor.get("/api/requests/" + id + "/scans/" + scan);
        assertThat(read.contentType()).isEqualTo("image/png");
        HttpIntegrator.Answer wrong = portal.post("/api/requests/" + id + "/scans",
                "{\"kind\": \"PASSPORT\", \"contentType\": \"application/pdf\", \"content\": \"" + content + "\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("error")).isEqualTo("scan.type");
    }

    @Test
    void aRejectionNeedsAReasonAndIsDecidedBySomeoneElse() throws Exception {
        long id = registered();
        HttpIntegrator.Answer missing = supervisor.post("/api/requests/" + id + "/reject", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("fields").get(0).path("field").asString()).isEqualTo("reason");

        HttpIntegrator.Answer rejected = supervisor.post("/api/requests/" + id + "/reject", "{\"reason\": \"Pasport nusxasi o‘qilmaydi\"}");
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("rejectionReason")).isEqualTo("Pasport nusxasi o‘qilmaydi");
    }
}

package uz.eimzo.ra.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Centre scoping holds for writes: every role of centre A and of centre B against every write path of the web pages
 * and the JSON API, on records of centre A. Each row states the answer and whether the records changed: a denial
 * (403, 404, or a refusal that only shows the form again) leaves the request, its snapshots, its certificate, its
 * documents and the person exactly as they were; an allowed write changes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteAccessMatrixTest extends RaTestBase {

    @Autowired
    Registrations registrations;

    final Map<String, Actor> actors = new HashMap<>();
    final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    void setUp() {
        operators = new Operators(jdbc, directory, passwords);
        long a = operators.centre(false);
        long b = operators.centre(false);
        actors.put("registrarA", operators.operator(a, "p", Actor.Role.REGISTRAR));
        actors.put("supervisorA", operators.operator(a, "p", Actor.Role.SUPERVISOR));
        actors.put("auditorA", operators.operator(a, "p", Actor.Role.AUDITOR));
        actors.put("adminB", operators.operator(b, "p", Actor.Role.ADMINISTRATOR));
        actors.put("registrarB", operators.operator(b, "p", Actor.Role.REGISTRAR));
        actors.put("supervisorB", operators.operator(b, "p", Actor.Role.SUPERVISOR));
        actors.forEach((who, actor) -> {
            String token = UUID.randomUUID().toString();
            jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                    .params("w-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
            tokens.put(who, token);
        });
    }

    /** What an action works on: a request of centre A (0 when none yet), its person, and its certificate's path. */
    record Target(long requestId, String pinfl, String certificate) {
    }

    private static ApplicantForm company(String pinfl) {
        return new ApplicantForm(ApplicantType.LEGAL_ENTITY, "Karimova", "Dilnoza", null, LocalDate.of(1990, 3, 15), "M",
                pinfl, IdentityDocument.Type.PASSPORT, "AB1234567", null, null, null, "+998901234567", null,
                Operators.stir(), "Ishonch MChJ", "mas'uliyati cheklangan jamiyat", "direktor", false, null);
    }

    private Target fresh() {
        return new Target(0, Operators.pinfl(), null);
    }

    private Target draft() {
        String pinfl = Operators.pinfl();
        return new Target(registrations.register(actors.get("registrarA"), company(pinfl), UUID.randomUUID(), false).id(), pinfl, null);
    }

    private Target submitted() {
        String pinfl = Operators.pinfl();
        return new Target(registrations.register(actors.get("registrarA"), company(pinfl), UUID.randomUUID(), true).id(), pinfl, null);
    }

    private Target approved() {
        Target t = submitted();
        registrations.approve(actors.get("supervisorA"), t.requestId());
        return t;
    }

    private Target issued() {
        Target t = approved();
        var outcome = registrations.issue(actors.get("registrarA"), t.requestId(), KeyOption.SERVER_KEY, null);
        return new Target(t.requestId(), t.pinfl(), "/certificates/" + outcome.certificate().ca().name() + "/"
                + outcome.certificate().serial().toString(16));
    }

    private Target suspended() {
        Target t = issued();
        String[] parts = t.certificate().split("/");
        ca.revocations().suspend(parts[2], new java.math.BigInteger(parts[3], 16), "test");
        return t;
    }

    /** Everything a write could touch, as one comparable text. */
    private String state(Target t) {
        String person = jdbc.sql("""
                select concat_ws('|', (select a.version || a.surname from applicant a where a.pinfl = ?),
                    (select count(*) from certificate_request r join applicant a on a.id = r.applicant_id where a.pinfl = ?))""")
                .params(t.pinfl(), t.pinfl()).query(String.class).single();
        if (t.requestId() == 0) {
            return person;
        }
        return person + "/" + jdbc.sql("""
                select concat_ws('|', r.status, r.approver_id, r.rejection_reason, r.issued_serial,
                    (select count(*) from request_snapshot s where s.request_id = r.id),
                    (select string_agg(c.status || ':' || c.revision, ',' order by c.serial) from certificate c where c.request_id = r.id),
                    (select count(*) from document_scan d where d.request_id = r.id),
                    (select count(*) from enrollment_code e where e.request_id = r.id))
                from certificate_request r where r.id = ?""").param(t.requestId()).query(String.class).single();
    }

    record Action(String name, Supplier<Target> prepare, Function<Target, AbstractMockHttpServletRequestBuilder<?>> request,
                  boolean api) {
        @Override
        public String toString() {
            return (api ? "API " : "web ") + name;
        }
    }

    private static String personJson(String pinfl, String surname, boolean confirm) {
        return """
                {"idempotencyKey": "%s", "submit": true, "confirmIdentityChange": %s, "applicant": {
                  "type": "INDIVIDUAL", "surname": "%s", "givenName": "Dilnoza", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "PASSPORT", "documentNumber": "AB1234567", "phone": "+998901234567",
                  "representative": false}}""".formatted(UUID.randomUUID(), confirm, surname, pinfl);
    }

    private static AbstractMockHttpServletRequestBuilder<?> webPerson(String pinfl, String surname) {
        return post("/requests").param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                .param("surname", surname).param("givenName", "Dilnoza").param("birthDate", "1990-03-15").param("sex", "M")
                .param("pinfl", pinfl).param("documentType", "PASSPORT").param("documentNumber", "AB1234567")
                .param("phone", "+998901234567").param("representative", "false");
    }

    private String csrJson() {
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return "{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}";
    }

    Stream<Arguments> matrix() {
        // expected: "changed" (2xx/3xx and the records changed), "shown" (2xx/3xx, nothing changed), or the status
        // of a denial ("403", "404", "409"), after which nothing changed either.
        Action register = new Action("register a new person", this::fresh, t -> webPerson(t.pinfl(), "Karimova"), false);
        Action registerExisting = new Action("register centre A's person with a new surname, confirmed", this::submitted,
                t -> webPerson(t.pinfl(), "Mallory").param("confirmIdentityChange", "true"), false);
        Action registerExistingUnconfirmed = new Action("register centre A's person with a new surname, unconfirmed",
                this::submitted, t -> webPerson(t.pinfl(), "Mallory"), false);
        Action submit = new Action("submit a draft", this::draft, t -> post("/requests/" + t.requestId() + "/submit"), false);
        Action approve = new Action("approve", this::submitted, t -> post("/requests/" + t.requestId() + "/approve"), false);
        Action reject = new Action("reject", this::submitted,
                t -> post("/requests/" + t.requestId() + "/reject").param("reason", "documents unreadable"), false);
        Action issue = new Action("issue with a server key", this::approved,
                t -> post("/requests/" + t.requestId() + "/issue").param("keyOption", "SERVER_KEY"), false);
        Action revoke = new Action("revoke", this::issued,
                t -> post(t.certificate() + "/revoke").param("reason", "SUPERSEDED").param("confirm", "true"), false);
        Action suspend = new Action("suspend", this::issued, t -> post(t.certificate() + "/suspend").param("confirm", "true"), false);
        Action restore = new Action("restore", this::suspended, t -> post(t.certificate() + "/restore").param("confirm", "true"), false);
        Action enrollmentCode = new Action("hand out an enrollment code", this::submitted,
                t -> post("/requests/" + t.requestId() + "/enrollment-code"), false);

        Action apiRegister = new Action("register a new person", this::fresh, t -> post("/api/requests")
                .contentType(MediaType.APPLICATION_JSON).content(personJson(t.pinfl(), "Karimova", false)), true);
        Action apiRegisterExisting = new Action("register centre A's person with a new surname, confirmed", this::submitted,
                t -> post("/api/requests").contentType(MediaType.APPLICATION_JSON).content(personJson(t.pinfl(), "Mallory", true)), true);
        Action apiRegisterUnconfirmed = new Action("register centre A's person with a new surname, unconfirmed", this::submitted,
                t -> post("/api/requests").contentType(MediaType.APPLICATION_JSON).content(personJson(t.pinfl(), "Mallory", false)), true);
        Action apiApprove = new Action("approve", this::submitted, t -> post("/api/requests/" + t.requestId() + "/approve"), true);
        Action apiReject = new Action("reject", this::submitted, t -> post("/api/requests/" + t.requestId() + "/reject")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"documents unreadable\"}"), true);
        Action apiIssue = new Action("issue from a CSR", this::approved, t -> post("/api/requests/" + t.requestId() + "/issue")
                .contentType(MediaType.APPLICATION_JSON).content(csrJson()), true);
        Action apiRevoke = new Action("revoke", this::issued, t -> post("/api" + t.certificate() + "/revoke")
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"SUPERSEDED\"}"), true);

        return Stream.of(
                Arguments.of("registrarA", register, "changed"), Arguments.of("registrarB", register, "changed"),
                Arguments.of("supervisorA", register, "403"), Arguments.of("auditorA", register, "403"),
                Arguments.of("adminB", register, "403"),
                Arguments.of("registrarB", registerExisting, "changed"), Arguments.of("supervisorB", registerExisting, "403"),
                Arguments.of("registrarB", registerExistingUnconfirmed, "shown"),
                Arguments.of("registrarA", submit, "changed"), Arguments.of("supervisorA", submit, "403"),
                Arguments.of("auditorA", submit, "403"), Arguments.of("registrarB", submit, "404"),
                Arguments.of("adminB", submit, "403"),
                Arguments.of("supervisorA", approve, "changed"), Arguments.of("registrarA", approve, "403"),
                Arguments.of("auditorA", approve, "403"), Arguments.of("supervisorB", approve, "404"),
                Arguments.of("adminB", approve, "403"),
                Arguments.of("supervisorA", reject, "changed"), Arguments.of("registrarA", reject, "403"),
                Arguments.of("auditorA", reject, "403"), Arguments.of("supervisorB", reject, "404"),
                Arguments.of("registrarA", issue, "changed"), Arguments.of("supervisorA", issue, "changed"),
                Arguments.of("auditorA", issue, "403"), Arguments.of("registrarB", issue, "404"),
                Arguments.of("supervisorB", issue, "404"), Arguments.of("adminB", issue, "403"),
                Arguments.of("supervisorA", revoke, "changed"), Arguments.of("adminB", revoke, "changed"),
                Arguments.of("registrarA", revoke, "403"), Arguments.of("auditorA", revoke, "403"),
                Arguments.of("supervisorB", revoke, "404"),
                Arguments.of("supervisorA", suspend, "changed"), Arguments.of("registrarA", suspend, "403"),
                Arguments.of("auditorA", suspend, "403"), Arguments.of("supervisorB", suspend, "404"),
                Arguments.of("supervisorA", restore, "changed"), Arguments.of("registrarA", restore, "403"),
                Arguments.of("supervisorB", restore, "404"),
                Arguments.of("registrarA", enrollmentCode, "changed"), Arguments.of("auditorA", enrollmentCode, "403"),
                Arguments.of("registrarB", enrollmentCode, "404"),

                Arguments.of("registrarA", apiRegister, "changed"), Arguments.of("supervisorA", apiRegister, "403"),
                Arguments.of("auditorA", apiRegister, "403"), Arguments.of("adminB", apiRegister, "403"),
                Arguments.of("registrarB", apiRegisterExisting, "changed"),
                Arguments.of("supervisorB", apiRegisterExisting, "403"),
                Arguments.of("registrarB", apiRegisterUnconfirmed, "409"),
                Arguments.of("supervisorA", apiApprove, "changed"), Arguments.of("registrarA", apiApprove, "403"),
                Arguments.of("auditorA", apiApprove, "403"), Arguments.of("supervisorB", apiApprove, "404"),
                Arguments.of("adminB", apiApprove, "403"),
                Arguments.of("supervisorA", apiReject, "changed"), Arguments.of("registrarA", apiReject, "403"),
                Arguments.of("supervisorB", apiReject, "404"),
                Arguments.of("registrarA", apiIssue, "changed"), Arguments.of("auditorA", apiIssue, "403"),
                Arguments.of("registrarB", apiIssue, "404"), Arguments.of("supervisorB", apiIssue, "404"),
                Arguments.of("supervisorA", apiRevoke, "changed"), Arguments.of("adminB", apiRevoke, "changed"),
                Arguments.of("registrarA", apiRevoke, "403"), Arguments.of("auditorA", apiRevoke, "403"),
                Arguments.of("supervisorB", apiRevoke, "404"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("matrix")
    void eachWriteIsAllowedOrDeniedAndADenialChangesNothing(String who, Action action, String expected) throws Exception {
        Target target = action.prepare().get();
        String before = state(target);
        Actor actor = actors.get(who);
        RequestPostProcessor signedIn = action.api()
                ? r -> {
                    r.addHeader("Authorization", "Bearer " + tokens.get(who));
                    return r;
                }
                : Operators.as(actor);
        var response = mvc.perform(action.request().apply(target).with(signedIn).with(csrf())).andReturn().getResponse();
        String after = state(target);

        int status = response.getStatus();
        boolean toLogin = response.getRedirectedUrl() != null && response.getRedirectedUrl().contains("/login");
        String outcome = status < 400 && !toLogin ? (before.equals(after) ? "shown" : "changed") : String.valueOf(status);
        assertThat(outcome).as("%s %s -> %d %s; before %s after %s", who, action, status, response.getRedirectedUrl(), before, after)
                .isEqualTo(expected);
        if (!expected.equals("changed")) {
            assertThat(after).as("a denied write changes nothing").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0} registering centre A's person keeps centre A's request as it was")
    @MethodSource("secondCentreRegistrations")
    void anotherCentresNewVersionLeavesTheFirstCentresRequest(boolean api) throws Exception {
        Target target = submitted();
        String name = registrations.find(actors.get("registrarA"), target.requestId()).applicantName();
        if (api) {
            mvc.perform(post("/api/requests").header("Authorization", "Bearer " + tokens.get("registrarB"))
                    .contentType(MediaType.APPLICATION_JSON).content(personJson(target.pinfl(), "Mallory", true)));
        } else {
            mvc.perform(webPerson(target.pinfl(), "Mallory").param("confirmIdentityChange", "true")
                    .with(Operators.as(actors.get("registrarB"))).with(csrf()));
        }
        assertThat(jdbc.sql("select surname from applicant where pinfl = ?").param(target.pinfl()).query(String.class).single())
                .isEqualTo("Mallory");
        assertThat(registrations.find(actors.get("registrarA"), target.requestId()).applicantName()).isEqualTo(name);
    }

    Stream<Boolean> secondCentreRegistrations() {
        return Stream.of(false, true);
    }
}

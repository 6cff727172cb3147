package uz.eimzo.ra.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every role in its own and in another centre, against every action: allowed ones succeed (200 or a redirect
 * back to the page), forbidden ones get 403, and another centre's records are 404 (not even confirmed to exist).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends RaTestBase {

    @Autowired
    Registrations registrations;

    final Map<String, Actor> actors = new java.util.HashMap<>();
    long submittedRequest;
    String certificatePath;

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
    }

    private ApplicantForm company() {
        return new ApplicantForm(ApplicantType.LEGAL_ENTITY, "Karimova", "Dilnoza", null, LocalDate.of(1990, 3, 15), "M",
                Operators.pinfl(), IdentityDocument.Type.PASSPORT, "AB1234567", null, null, null, "+998901234567", null,
                Operators.stir(), "Test MCHJ", "mas'uliyati cheklangan jamiyat", "direktor", false, null);
    }

    /** A fresh submitted legal-entity request of centre A. */
    private long submitted() {
        return registrations.register(actors.get("registrarA"), company(), UUID.randomUUID(), true).id();
    }

    /** A fresh certificate of centre A, as the path of its page. */
    private String certificate() {
        long id = submitted();
        registrations.approve(actors.get("supervisorA"), id);
        var outcome = registrations.issue(actors.get("registrarA"), id, KeyOption.SERVER_KEY, null);
        return "/certificates/" + outcome.certificate().ca().name() + "/" + outcome.certificate().serial().toString(16);
    }

    record Action(String name, Supplier<AbstractMockHttpServletRequestBuilder<?>> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> matrix() {
        // expected: "ok" (2xx, or 3xx not to /login), "403", "404"
        Action listRequests = new Action("list requests", () -> get("/requests"));
        Action viewRequest = new Action("view request", () -> get("/requests/" + submitted()));
        Action newForm = new Action("open application form", () -> get("/requests/new"));
        Action register = new Action("register applicant", () -> post("/requests").param("formToken", UUID.randomUUID().toString())
                .param("type", "INDIVIDUAL").param("surname", "Aliyev").param("givenName", "Vali").param("birthDate", "1990-03-15")
                .param("sex", "M").param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT")
                .param("documentNumber", "AC1234567").param("phone", "+998901234567").param("representative", "false"));
        Action approve = new Action("approve request", () -> post("/requests/" + submitted() + "/approve"));
        Action viewCertificate = new Action("view certificate", () -> get(certificate()));
        Action revoke = new Action("revoke certificate", () -> post(certificate() + "/revoke")
                .param("reason", "SUPERSEDED").param("confirm", "true"));
        Action searchCertificates = new Action("search certificates", () -> get("/certificates"));
        Action auditLog = new Action("read the audit log", () -> get("/audit"));
        Action administration = new Action("open administration", () -> get("/admin"));
        Action enrollmentCode = new Action("hand out an enrollment code", () -> post("/requests/" + submitted() + "/enrollment-code"));
        Action attachScan = new Action("attach a scan", () -> org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/requests/" + submitted() + "/scans")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "p.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes()))
                .param("kind", "PASSPORT"));
        return Stream.of(
                Arguments.of("registrarA", listRequests, "ok"), Arguments.of("supervisorA", listRequests, "ok"),
                Arguments.of("auditorA", listRequests, "ok"), Arguments.of("adminB", listRequests, "ok"),
                Arguments.of("registrarA", viewRequest, "ok"), Arguments.of("supervisorA", viewRequest, "ok"),
                Arguments.of("auditorA", viewRequest, "ok"), Arguments.of("adminB", viewRequest, "ok"),
                Arguments.of("registrarB", viewRequest, "404"), Arguments.of("supervisorB", viewRequest, "404"),
                Arguments.of("registrarA", newForm, "ok"), Arguments.of("supervisorA", newForm, "403"),
                Arguments.of("auditorA", newForm, "403"),
                Arguments.of("registrarA", register, "ok"), Arguments.of("registrarB", register, "ok"),
                Arguments.of("supervisorA", register, "403"), Arguments.of("auditorA", register, "403"),
                Arguments.of("supervisorA", approve, "ok"), Arguments.of("registrarA", approve, "403"),
                Arguments.of("auditorA", approve, "403"), Arguments.of("supervisorB", approve, "404"),
                Arguments.of("registrarA", viewCertificate, "ok"), Arguments.of("auditorA", viewCertificate, "ok"),
                Arguments.of("adminB", viewCertificate, "ok"), Arguments.of("registrarB", viewCertificate, "404"),
                Arguments.of("supervisorA", revoke, "ok"), Arguments.of("adminB", revoke, "ok"),
                Arguments.of("registrarA", revoke, "403"), Arguments.of("auditorA", revoke, "403"),
                Arguments.of("supervisorB", revoke, "404"),
                Arguments.of("auditorA", searchCertificates, "ok"), Arguments.of("registrarB", searchCertificates, "ok"),
                Arguments.of("auditorA", auditLog, "ok"), Arguments.of("adminB", auditLog, "ok"),
                Arguments.of("registrarA", auditLog, "403"), Arguments.of("supervisorA", auditLog, "403"),
                Arguments.of("adminB", administration, "ok"), Arguments.of("registrarA", administration, "403"),
                Arguments.of("auditorA", administration, "403"), Arguments.of("supervisorA", administration, "403"),
                Arguments.of("registrarA", enrollmentCode, "ok"), Arguments.of("auditorA", enrollmentCode, "403"),
                Arguments.of("registrarB", enrollmentCode, "404"),
                Arguments.of("registrarA", attachScan, "ok"), Arguments.of("supervisorA", attachScan, "403"),
                Arguments.of("registrarB", attachScan, "404"));
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @MethodSource("matrix")
    void eachRoleInEachCentreGetsExactlyItsRights(String who, Action action, String expected) throws Exception {
        var response = mvc.perform(action.request().get().with(Operators.as(actors.get(who))).with(csrf()))
                .andReturn().getResponse();
        String outcome = switch (response.getStatus()) {
            case 200 -> "ok";
            case 302 -> response.getRedirectedUrl() != null && response.getRedirectedUrl().contains("/login") ? "login" : "ok";
            default -> String.valueOf(response.getStatus());
        };
        assertThat(outcome).as(who + " " + action + " -> " + response.getStatus() + " " + response.getRedirectedUrl())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}'s approval is recorded only when allowed")
    @MethodSource("approvers")
    void forbiddenApprovalChangesNothing(String who) throws Exception {
        long id = submitted();
        mvc.perform(post("/requests/" + id + "/approve").with(Operators.as(actors.get(who))).with(csrf()));
        String status = jdbc.sql("select status from certificate_request where id = ?").param(id).query(String.class).single();
        assertThat(status).isEqualTo(who.equals("supervisorA") ? "APPROVED" : "SUBMITTED");
    }

    Stream<String> approvers() {
        return Stream.of("supervisorA", "registrarA", "auditorA", "supervisorB");
    }
}

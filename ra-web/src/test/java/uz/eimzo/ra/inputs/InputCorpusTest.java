package uz.eimzo.ra.inputs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static uz.eimzo.ra.inputs.Refusals.HOSTILE;
import static uz.eimzo.ra.inputs.Refusals.LINE_BREAK;
import static uz.eimzo.ra.inputs.Refusals.OVER_LONG;
import static uz.eimzo.ra.inputs.Refusals.json;
import static uz.eimzo.ra.inputs.Refusals.url;

/**
 * NUL, control, bidirectional and over-long values sent to every field and parameter of the JSON API and the
 * operator, self-service, administration and sign-in forms. Each one is refused (4xx, a page with the field's
 * error, or a redirect carrying an error), none is a 5xx, and none changes what is stored. Over-long values in
 * a search or filter are allowed to find nothing (200), which is safe.
 */
class InputCorpusTest extends RaTestBase {

    Actor registrar;
    Actor boss;
    Api registrarApi;
    Api supervisorApi;
    long submittedOrganisation;
    String certificate;
    long centre;
    Refusals refusals;

    @BeforeEach
    void fixtures() throws Exception {
        refusals = new Refusals(jdbc, mvc);
        centre = operators.centre(false);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        boss = operators.operator(centre, "p", Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR, Actor.Role.AUDITOR, Actor.Role.ADMINISTRATOR);
        registrarApi = new Api(port, jdbc, registrar);
        supervisorApi = new Api(port, jdbc, operators.operator(centre, "p", Actor.Role.SUPERVISOR));
        HttpResponse<String> created = registrarApi.post("/api/requests", registration(ApplicantType.LEGAL_ENTITY, Map.of()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        submittedOrganisation = Api.id(created);
        certificate = registrarApi.issuedCertificate(supervisorApi);
    }

    @AfterEach
    void report() {
        assertThat(refusals.failures).as("inputs that were not refused cleanly, of " + refusals.tried + " tried").isEmpty();
    }

    // --- registration: every field of the five applicant types ---

    /** Every text field of the application form, in the API's and the form's names. */
    static final List<String> APPLICANT_TEXT_FIELDS = List.of("surname", "givenName", "patronymic", "sex", "pinfl",
            "documentNumber", "personalStir", "region", "district", "phone", "email", "organisationStir",
            "organisationName", "legalForm", "position", "powerOfAttorney");

    private static Map<String, String> goodApplicant(ApplicantType type) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type.name());
        fields.put("surname", "Karimov");
        fields.put("givenName", "Aziz");
        fields.put("patronymic", "Bahodirovich");
        fields.put("birthDate", "1990-03-15");
        fields.put("sex", "M");
        fields.put("pinfl", Operators.pinfl());
        fields.put("documentType", "PASSPORT");
        fields.put("documentNumber", "AC1234567");
        fields.put("personalStir", type == ApplicantType.SOLE_PROPRIETOR ? "412345678" : "");
        fields.put("region", "Toshkent shahri");
        fields.put("district", "Yunusobod tumani");
        fields.put("phone", "+998901234567");
        fields.put("email", "aziz@example.uz");
        if (type.organisation()) {
            fields.put("organisationStir", Operators.stir());
            fields.put("organisationName", "Ipak Yo'li MChJ");
            fields.put("legalForm", "mas'uliyati cheklangan jamiyat");
            fields.put("position", "direktor");
            fields.put("representative", "true");
            fields.put("powerOfAttorney", "12-34 of 2026-01-15");
        } else {
            fields.put("representative", "false");
        }
        return fields;
    }

    private static String registration(ApplicantType type, Map<String, String> overrides) {
        Map<String, String> fields = goodApplicant(type);
        fields.putAll(overrides);
        StringBuilder applicant = new StringBuilder();
        fields.forEach((name, value) -> applicant.append(applicant.isEmpty() ? "" : ", ").append(json(name)).append(": ")
                .append(name.equals("representative") ? value : json(value)));
        return "{\"idempotencyKey\": \"" + UUID.randomUUID() + "\", \"submit\": true, \"applicant\": {" + applicant + "}}";
    }

    private static Map<String, String> hostileAndLong() {
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("line break", LINE_BREAK);
        values.put("over-long", OVER_LONG);
        return values;
    }

    @Test
    void apiRegistrationRefusesTheCorpusInEveryFieldOfEveryApplicantType() throws Exception {
        for (ApplicantType type : ApplicantType.values()) {
            HttpResponse<String> baseline = registrarApi.post("/api/requests", registration(type, Map.of()));
            assertThat(baseline.statusCode()).as(type + " baseline: " + baseline.body()).isEqualTo(201);
            for (String field : APPLICANT_TEXT_FIELDS) {
                hostileAndLong().forEach((kind, value) -> refusals.api("POST /api/requests " + type + "." + field + " " + kind, false,
                        () -> registrarApi.post("/api/requests", registration(type, Map.of(field, value)))));
            }
            for (String field : List.of("type", "documentType", "birthDate", "representative")) {
                HOSTILE.forEach((kind, value) -> refusals.api("POST /api/requests " + type + "." + field + " " + kind, false,
                        () -> registrarApi.post("/api/requests", registration(type, Map.of(field, value)))));
            }
        }
        HOSTILE.forEach((kind, value) -> refusals.api("POST /api/requests idempotencyKey " + kind, false,
                () -> registrarApi.post("/api/requests", registration(ApplicantType.INDIVIDUAL, Map.of())
                        .replaceFirst("\"idempotencyKey\": \"[^\"]+\"", "\"idempotencyKey\": " + json(value)))));
    }

    @Test
    void webRegistrationFormRefusesTheCorpusInEveryFieldOfEveryApplicantType() {
        for (ApplicantType type : ApplicantType.values()) {
            for (String field : APPLICANT_TEXT_FIELDS) {
                hostileAndLong().forEach((kind, value) -> {
                    Map<String, String> fields = goodApplicant(type);
                    fields.put(field, value);
                    MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf())
                            .param("formToken", UUID.randomUUID().toString());
                    fields.forEach(request::param);
                    refusals.web("POST /requests " + type + "." + field + " " + kind, false, request);
                });
            }
            for (String field : List.of("type", "documentType", "birthDate", "representative", "formToken", "action")) {
                HOSTILE.forEach((kind, value) -> {
                    Map<String, String> fields = goodApplicant(type);
                    fields.put("formToken", UUID.randomUUID().toString());
                    fields.put(field, value);
                    MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf());
                    fields.forEach(request::param);
                    refusals.web("POST /requests " + type + "." + field + " " + kind, false, request);
                });
            }
        }
    }

    // --- the rest of the JSON API ---

    @Test
    void apiQueryAndPathParametersRefuseTheCorpus() {
        String[] caSerial = certificate.split("/");
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("line break", LINE_BREAK);
        values.forEach((kind, value) -> {
            refusals.api("GET /api/certificates?q " + kind, false, () -> registrarApi.get("/api/certificates?q=" + url(value)));
            refusals.api("GET /api/requests/{id} " + kind, false, () -> registrarApi.get("/api/requests/" + url(value)));
            refusals.api("POST /api/requests/{id}/approve " + kind, false, () -> supervisorApi.post("/api/requests/" + url(value) + "/approve", ""));
            refusals.api("POST revoke {caName} " + kind, false, () -> supervisorApi.post(
                    "/api/certificates/" + url(value) + "/" + caSerial[1] + "/revoke", "{\"reason\": \"superseded\"}"));
            refusals.api("POST revoke {serial} " + kind, false, () -> supervisorApi.post(
                    "/api/certificates/" + caSerial[0] + "/" + url(value) + "/revoke", "{\"reason\": \"superseded\"}"));
        });
        refusals.api("GET /api/certificates?q over-long", true, () -> registrarApi.get("/api/certificates?q=" + OVER_LONG));
        refusals.api("POST revoke {caName} over-long", false, () -> supervisorApi.post(
                "/api/certificates/" + OVER_LONG + "/" + caSerial[1] + "/revoke", "{\"reason\": \"superseded\"}"));
    }

    @Test
    void apiWorkflowBodiesRefuseTheCorpus() {
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        values.forEach((kind, value) -> {
            refusals.api("POST reject reason " + kind, false, () -> supervisorApi.post("/api/requests/" + submittedOrganisation + "/reject",
                    "{\"reason\": " + json(value) + "}"));
            refusals.api("POST issue csr " + kind, false, () -> registrarApi.post("/api/requests/" + submittedOrganisation + "/issue",
                    "{\"csr\": " + json(value) + "}"));
            refusals.api("POST revoke reason " + kind, false, () -> supervisorApi.post("/api/certificates/" + certificate + "/revoke",
                    "{\"reason\": " + json(value) + "}"));
            refusals.api("POST revoke invalidityDate " + kind, false, () -> supervisorApi.post("/api/certificates/" + certificate + "/revoke",
                    "{\"reason\": \"keyCompromise\", \"invalidityDate\": " + json(value) + "}"));
        });
    }

    // --- operator pages ---

    private <B extends AbstractMockHttpServletRequestBuilder<B>> B asBoss(B request) {
        return request.with(Operators.as(boss)).with(csrf());
    }

    @Test
    void searchFiltersAndPathsOfTheOperatorPagesRefuseTheCorpus() {
        String[] caSerial = certificate.split("/");
        HOSTILE.forEach((kind, value) -> {
            refusals.web("GET /certificates?q " + kind, false, asBoss(get("/certificates").param("q", value)));
            refusals.web("GET /certificates/expiring?days " + kind, false, asBoss(get("/certificates/expiring").param("days", value)));
            refusals.web("GET /requests?status " + kind, false, asBoss(get("/requests").param("status", value)));
            refusals.web("GET /requests/new?type " + kind, false, asBoss(get("/requests/new").param("type", value)));
            refusals.web("GET /audit?actor " + kind, false, asBoss(get("/audit").param("actor", value)));
            refusals.web("GET /audit?action " + kind, false, asBoss(get("/audit").param("action", value)));
            refusals.web("GET /audit?target " + kind, false, asBoss(get("/audit").param("target", value)));
            refusals.web("GET /certificates/{ca}/{serial}/download?format " + kind, false,
                    asBoss(get("/certificates/" + certificate + "/download").param("format", value)));
            refusals.web("GET /certificates?lang " + kind, false, asBoss(get("/certificates").param("lang", value)));
            refusals.web("GET /certificates/{caName}/{serial} caName " + kind, false,
                    asBoss(get("/certificates/{ca}/{serial}", value, caSerial[1])));
            refusals.web("GET /certificates/{caName}/{serial} serial " + kind, false,
                    asBoss(get("/certificates/{ca}/{serial}", caSerial[0], value)));
            refusals.web("GET /requests/{id} " + kind, false, asBoss(get("/requests/{id}", value)));
            refusals.web("GET /certificates?" + kind + " as a parameter name", false, asBoss(get("/certificates").param(value, "x")));
        });
        for (String path : List.of("/certificates?q=", "/audit?actor=", "/audit?target=")) {
            String name = path.substring(path.indexOf('?') + 1, path.length() - 1);
            refusals.web("GET " + path + " over-long", true, asBoss(get(path.substring(0, path.indexOf('?'))).param(name, OVER_LONG)));
        }
    }

    @Test
    void workflowFormsOfTheOperatorPagesRefuseTheCorpus() {
        String request = "/requests/" + submittedOrganisation;
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        values.forEach((kind, value) -> {
            refusals.web("POST reject reason " + kind, false, asBoss(post(request + "/reject").param("reason", value)));
            refusals.web("POST issue keyOption " + kind, false, asBoss(post(request + "/issue").param("keyOption", value)));
            refusals.web("POST issue csrText " + kind, false, asBoss(post(request + "/issue").param("keyOption", "CSR").param("csrText", value)));
            refusals.web("POST enrollment-code days " + kind, false, asBoss(post(request + "/enrollment-code").param("days", value)));
            refusals.web("POST scans kind " + kind, false, asBoss(multipart(request + "/scans")
                    .file(new MockMultipartFile("file", "scan.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes()))
                    .param("kind", value)));
            refusals.web("POST revoke reason " + kind, false, asBoss(post("/certificates/" + certificate + "/revoke")
                    .param("reason", value).param("confirm", "true")));
            refusals.web("POST revoke invalidityDate " + kind, false, asBoss(post("/certificates/" + certificate + "/revoke")
                    .param("reason", "KEY_COMPROMISE").param("invalidityDate", value).param("confirm", "true")));
            refusals.web("POST suspend confirm " + kind, false, asBoss(post("/certificates/" + certificate + "/suspend").param("confirm", value)));
            refusals.web("POST restore confirm " + kind, false, asBoss(post("/certificates/" + certificate + "/restore").param("confirm", value)));
            refusals.web("POST submit {id} " + kind, false, asBoss(post("/requests/{id}/submit", value)));
            refusals.web("POST approve {id} " + kind, false, asBoss(post("/requests/{id}/approve", value)));
        });
    }

    @Test
    void selfServiceFormsRefuseTheCorpus() {
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        String serial = certificate.split("/")[1];
        values.forEach((kind, value) -> {
            refusals.web("POST /self-service/status serial " + kind, false, post("/self-service/status").with(csrf()).param("serial", value));
            refusals.web("POST /self-service/revoke serial " + kind, false, post("/self-service/revoke").with(csrf())
                    .param("serial", value).param("code", "ABCD-EFGH-JKLM-NPQR"));
            refusals.web("POST /self-service/revoke code " + kind, false, post("/self-service/revoke").with(csrf())
                    .param("serial", serial).param("code", value));
            refusals.web("POST /self-service/renew csrText " + kind, false, multipart("/self-service/renew").with(csrf())
                    .param("csrText", value).param("signatureText", "MIIB"));
            refusals.web("POST /self-service/renew signatureText " + kind, false, multipart("/self-service/renew").with(csrf())
                    .param("csrText", "-----BEGIN CERTIFICATE REQUEST-----").param("signatureText", value));
        });
    }

    @Test
    void administrationFormsRefuseTheCorpus() {
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        values.forEach((kind, value) -> {
            refusals.web("POST /admin/centres code " + kind, false, asBoss(post("/admin/centres").param("code", value).param("name", "Markaz")));
            refusals.web("POST /admin/centres name " + kind, false, asBoss(post("/admin/centres")
                    .param("code", "X-" + Integer.toHexString(value.hashCode()).toUpperCase()).param("name", value)));
            refusals.web("POST /admin/centres individualsNeedApproval " + kind, false, asBoss(post("/admin/centres")
                    .param("code", "Y-" + Integer.toHexString(value.hashCode()).toUpperCase()).param("name", "Markaz")
                    .param("individualsNeedApproval", value)));
            refusals.web("POST /admin/centres/{id}/approval " + kind, false, asBoss(post("/admin/centres/{id}/approval", value)
                    .param("individualsNeedApproval", "true")));
            refusals.web("POST /admin/operators username " + kind, false, asBoss(post("/admin/operators").param("centreId", "1")
                    .param("username", value).param("fullName", "Vali Aliyev").param("roles", "REGISTRAR")));
            refusals.web("POST /admin/operators fullName " + kind, false, asBoss(post("/admin/operators").param("centreId", "1")
                    .param("username", "u" + Integer.toHexString(value.hashCode())).param("fullName", value).param("roles", "REGISTRAR")));
            refusals.web("POST /admin/operators roles " + kind, false, asBoss(post("/admin/operators").param("centreId", "1")
                    .param("username", "r" + Integer.toHexString(value.hashCode())).param("fullName", "Vali").param("roles", value)));
            refusals.web("POST /admin/operators centreId " + kind, false, asBoss(post("/admin/operators").param("centreId", value)
                    .param("username", "c" + Integer.toHexString(value.hashCode())).param("fullName", "Vali").param("roles", "REGISTRAR")));
            refusals.web("POST /admin/operators/{id}/{change} change " + kind, false,
                    asBoss(post("/admin/operators/{id}/{change}", String.valueOf(registrar.operatorId()), value)));
        });
    }

    @Test
    void signInRefusesTheCorpus() {
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        values.forEach((kind, value) -> {
            refusals.web("POST /login username " + kind, false, post("/login").with(csrf())
                    .param("username", value).param("password", "p").param("code", "123456"));
            refusals.web("POST /login password " + kind, false, post("/login").with(csrf())
                    .param("username", "nobody-" + kind.replace(' ', '-')).param("password", value).param("code", "123456"));
            refusals.web("POST /login code " + kind, false, post("/login").with(csrf())
                    .param("username", "nobody-" + kind.replace(' ', '-')).param("password", "p").param("code", value));
        });
    }

    @Test
    void authenticatorEnrolmentRefusesTheCorpus() throws Exception {
        Actor fresh = operators.operator(centre, "pw", Actor.Role.REGISTRAR);
        MvcResult signedIn = mvc.perform(post("/login").with(csrf()).param("username", fresh.username()).param("password", "pw"))
                .andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).endsWith("/enrol");
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();
        Map<String, String> values = new LinkedHashMap<>(HOSTILE);
        values.put("over-long", OVER_LONG);
        values.forEach((kind, value) -> refusals.web("POST /enrol code " + kind, false,
                post("/enrol").session(session).with(csrf()).param("code", value)));
    }
}

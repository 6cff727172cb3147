package uz.eimzo.ra.inputs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile values, and what "refused" means for one input: a 4xx, a page with a field error, or a redirect
 * carrying an error (an over-long search may instead find nothing), never a 5xx, and nothing stored changed.
 * Inputs that were not refused so are collected, to be reported all at once.
 */
final class Refusals {

    /** Refused in every text field and parameter. */
    static final Map<String, String> HOSTILE = corpus();
    /** Refused where the value is one line: form fields of the registration, path segments. */
    static final String LINE_BREAK = "Tosh\nkent";
    static final String OVER_LONG = "T".repeat(3000);

    private static Map<String, String> corpus() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NUL", "Tosh\u0000kent");
        values.put("C0 escape", "Tosh\u0007\u001b[2Jkent");
        values.put("C1 control", "Tosh\u0085\u009bkent");
        values.put("right-to-left override", "Toshkent\u202Etnek");
        values.put("isolate", "\u2067Toshkent\u2069");
        values.put("zero-width format", "Tosh\u200Bkent\uFEFF");
        return values;
    }

    private final JdbcClient jdbc;
    private final MockMvc mvc;
    final List<String> failures = new ArrayList<>();
    int tried;

    Refusals(JdbcClient jdbc, MockMvc mvc) {
        this.jdbc = jdbc;
        this.mvc = mvc;
    }

    /** Everything an input could have changed, as one value to compare before and after. */
    private String stored() {
        return jdbc.sql("""
                select md5(concat_ws('|',
                  (select string_agg(concat_ws(':', id, code, name, individuals_need_approval), ',' order by id) from service_centre),
                  (select string_agg(concat_ws(':', id, username, full_name, enabled, totp_confirmed, roles::text), ',' order by id) from operator),
                  (select md5(string_agg(a::text, ',' order by id)) from applicant a),
                  (select md5(string_agg(o::text, ',' order by id)) from organisation o),
                  (select md5(string_agg(r::text, ',' order by id)) from certificate_request r),
                  (select string_agg(concat_ws(':', ca_id, serial, status, revision), ',' order by ca_id, serial) from certificate),
                  (select count(*) from enrollment_code), (select count(*) from document_scan)))""")
                .query(String.class).single();
    }

    void api(String what, boolean overLongMayFindNothing, ThrowingSupplier<HttpResponse<String>> send) {
        tried++;
        String before = stored();
        try {
            HttpResponse<String> answer = send.get();
            int status = answer.statusCode();
            boolean ok = status >= 400 && status < 500 || overLongMayFindNothing && status == 200;
            if (!ok) {
                failures.add(what + " -> " + status + " " + abbreviate(answer.body()));
            }
        } catch (Exception e) {
            failures.add(what + " -> " + e);
        }
        if (!before.equals(stored())) {
            failures.add(what + " changed what is stored");
        }
    }

    void web(String what, boolean overLongMayFindNothing, RequestBuilder request) {
        tried++;
        String before = stored();
        try {
            MvcResult result = mvc.perform(request).andReturn();
            int status = result.getResponse().getStatus();
            String body = result.getResponse().getContentAsString();
            // A field error, the form's "has errors" banner, or a refusal on the self-service page.
            boolean fieldError = status == 200 && (body.contains("class=\"error\"") || body.contains("class=\"flash\""));
            boolean redirectedWithError = status / 100 == 3 && (result.getFlashMap() != null && result.getFlashMap().containsKey("error")
                    || String.valueOf(result.getResponse().getRedirectedUrl()).matches(".*[?&](error|wrong)\\b.*"));
            boolean ok = status >= 400 && status < 500 || fieldError || redirectedWithError
                    || overLongMayFindNothing && status == 200;
            if (!ok) {
                failures.add(what + " -> " + status + " " + result.getResponse().getRedirectedUrl() + " " + abbreviate(body));
            }
        } catch (Exception e) {
            failures.add(what + " -> " + e);
        }
        if (!before.equals(stored())) {
            failures.add(what + " changed what is stored");
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            if (c < 0x20 || c == '"' || c == '\\' || (c >= 0x7f && c <= 0x9f) || c > 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

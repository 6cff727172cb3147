package uz.eimzo.ra.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.registration.FieldError;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one shape of every API error: RFC 9457 problem details ({@code application/problem+json}) with the members
 * clients already read kept as extensions: {@code error} (a stable code), {@code message} (the same text as
 * {@code detail}) and {@code fields} (one entry per wrong field; empty when no field is to blame).
 */
public final class ApiProblems {

    /** Problem types are named by their error code under this URN; they are codes to match, not pages to fetch. */
    public static final String TYPE_PREFIX = "urn:eimzo:problem:";

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private ApiProblems() {
    }

    /** Whether a request is one of the API's, whose errors are problem details rather than pages. */
    public static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    public static ProblemDetail of(HttpStatus status, String error, String detail) {
        return of(status, error, detail, List.of());
    }

    public static ProblemDetail of(HttpStatus status, String error, String detail, List<FieldError> fields) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + error));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("error", error);
        problem.setProperty("message", detail);
        problem.setProperty("fields", fields);
        return problem;
    }

    /** The stable code of an error the web layer raised itself, by its HTTP status (405, 413, ...). */
    public static String codeFor(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "api.notFound";
            case 405 -> "api.method";
            case 406 -> "api.notAcceptable";
            case 413 -> "api.tooLarge";
            case 415 -> "api.mediaType";
            case 503 -> "unavailable";
            default -> status >= 400 && status < 500 ? "api.request" : "api.error";
        };
    }

    /** Writes a problem where no message converter runs: filters and Spring Security's entry points. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException notAUri) {
                // Left out rather than echoed: the path is the client's own input.
            }
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}

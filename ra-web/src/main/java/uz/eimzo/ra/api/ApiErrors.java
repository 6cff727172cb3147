package uz.eimzo.ra.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.exc.MismatchedInputException;
import uz.eimzo.ca.authority.AuthorityException;
import uz.eimzo.ca.identity.InvalidIdentityException;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.profile.ProfileException;
import uz.eimzo.ca.refusal.Refusal;
import uz.eimzo.ca.registration.FieldError;
import uz.eimzo.ca.registration.IdentityChangedException;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.revocation.RevocationException;
import uz.eimzo.ca.x509.LintException;
import uz.eimzo.ca.x509.MalformedInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Every refusal of the API as problem details ({@link ApiProblems}) with a stable code, never an HTML page or a 500. */
@RestControllerAdvice(assignableTypes = {RegistrationApi.class, CertificatesApi.class, ScansApi.class})
class ApiErrors {

    /** A missing or malformed field: 400 naming it. */
    @ExceptionHandler(ApiFieldException.class)
    ResponseEntity<ProblemDetail> field(ApiFieldException e) {
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", e.getMessage(),
                List.of(new FieldError(e.field(), e.code(), e.getMessage()))));
    }

    /** A path or query parameter of the wrong type (a request id that is not a number, an unknown status): 400 naming it. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameter(MethodArgumentTypeMismatchException e) {
        String message = e.getName() + " must be " + expected(e.getRequiredType());
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", message,
                List.of(new FieldError(e.getName(), "api.body.value", message))));
    }

    @ExceptionHandler(InvalidApplicationException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidApplicationException e) {
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "application.invalid", "The application has errors", e.errors()));
    }

    /** A changed person or organisation not confirmed: each differing field, with no stored value disclosed. */
    @ExceptionHandler(IdentityChangedException.class)
    ResponseEntity<ProblemDetail> identityChanged(IdentityChangedException e) {
        return problem(ApiProblems.of(HttpStatus.CONFLICT, e.code(), e.getMessage(), e.differences().stream()
                .map(d -> new FieldError(d.field(), e.code(), "differs from the stored value; confirmIdentityChange to replace it"))
                .toList()));
    }

    @ExceptionHandler(RegistrationException.class)
    ResponseEntity<ProblemDetail> refused(RegistrationException e) {
        HttpStatus status = switch (e.code()) {
            case "request.unknown" -> HttpStatus.NOT_FOUND;
            case "forbidden" -> HttpStatus.FORBIDDEN;
            // What was sent is unusable, whatever the request's state: the caller must change it.
            case "scan.empty", "scan.tooLarge", "scan.type", "csr.required", "csr.withServerKey", "enrollment.validity",
                 "request.reasonRequired" -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        return problem(ApiProblems.of(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler({IssuanceException.class, MalformedInputException.class, ProfileException.class,
            RevocationException.class, InvalidIdentityException.class, AuthorityException.class})
    ResponseEntity<ProblemDetail> rejected(IllegalArgumentException e) {
        String code = e instanceof Refusal refusal ? refusal.code() : "invalid";
        if (e instanceof IssuanceException && code.startsWith("key.")) {
            // The refused key is the one in the request the caller sent: name that field.
            return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, code, e.getMessage(),
                    List.of(new FieldError("csr", code, e.getMessage()))));
        }
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, code, e.getMessage()));
    }

    @ExceptionHandler(LintException.class)
    ResponseEntity<ProblemDetail> lint(LintException e) {
        return problem(ApiProblems.of(HttpStatus.UNPROCESSABLE_CONTENT, "lint", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        // Name the field and what it takes when JSON was valid but a value was not (an integrator's usual slip).
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (mismatch.getMessage() != null && mismatch.getMessage().startsWith("Cannot map `null`")) {
                // A yes/no or number left out: required, whatever its type.
                return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", field + " is required",
                        List.of(new FieldError(field, "api.body.required", "is required"))));
            }
            String expected = expected(mismatch.getTargetType());
            return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", field + " must be " + expected,
                    List.of(new FieldError(field, "api.body.value", "must be " + expected))));
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", "A JSON request body is required",
                    List.of(new FieldError("body", "api.body.required", "A JSON request body is required"))));
        }
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", "The request body is not valid JSON of the expected shape"));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-12-07T10:15:30Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 1990-03-15";
        }
        return "a " + type.getSimpleName();
    }
}

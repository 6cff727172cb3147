package uz.eimzo.ra.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import uz.eimzo.ca.registration.FieldError;
import uz.eimzo.ca.text.TextRules;
import uz.eimzo.ra.api.ApiProblems;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.security.ApiTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The centre's API tokens through the API: an administrator (the security configuration lets no other role in) lists
 * the tokens acting as their own centre's accounts, makes one (its secret in that answer only; only its hash is kept)
 * and revokes one. Making and revoking are audited by {@link ApiTokens}; another centre's tokens are 404.
 */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "tokens", description = "Integrators' API tokens of the administrator's centre (administrators only)")
class ApiTokensApi {

    /** A token to make: its unique name, the account it acts as, and its validity (0: until revoked). */
    record NewToken(
            @Schema(description = "A unique name, one printable line of at most 128 characters", example = "my-gov-portal",
                    requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(description = "The operator account of the administrator's centre the token acts as",
                    requiredMode = Schema.RequiredMode.REQUIRED) Long operatorId,
            @Schema(description = "Days the token works, 1 to " + ApiTokensController.MAX_DAYS + "; 0 until revoked",
                    defaultValue = "365") Integer validityDays) {
    }

    /** A token as listed: never its secret. */
    record TokenAnswer(long id, String name, String operator, String centre, String createdBy, Instant createdAt,
                       Instant expiresAt, Instant lastUsedAt,
                       @Schema(allowableValues = {"ACTIVE", "EXPIRED", "REVOKED"}) String status) {
    }

    /** A token just made, with its secret: shown this once, it cannot be read again. */
    record CreatedToken(long id, String name, @Schema(description = "The bearer token; shown once") String token,
                        Instant expiresAt) {
    }

    /** A refused field (400 naming it); nothing was made. */
    static final class FieldRefused extends RuntimeException {
        private final String field;
        private final String code;

        FieldRefused(String field, String code, String message) {
            super(message);
            this.field = field;
            this.code = code;
        }
    }

    private final ApiTokens tokens;
    private final Clock clock;

    ApiTokensApi(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Operation(summary = "List the API tokens acting as the centre's accounts (administrators)")
    @GetMapping
    List<TokenAnswer> list(@AuthenticationPrincipal OperatorUser admin) {
        Instant now = clock.instant();
        return tokens.ofCentre(admin.actor().centreId()).stream().map(t -> answer(t, now)).toList();
    }

    @Operation(summary = "Make an API token for an account of the centre (administrators); the secret is in this answer only")
    @ApiResponse(responseCode = "201", description = "Made; the token is shown this once")
    @PostMapping
    ResponseEntity<CreatedToken> create(@AuthenticationPrincipal OperatorUser admin, @RequestBody NewToken body) {
        if (body == null) {
            throw new FieldRefused("body", "api.body.required", "A JSON request body is required");
        }
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty()) {
            throw new FieldRefused("name", "api.body.required", "name is required");
        }
        TextRules.line(name, AdministrationController.NAME_LIMIT).ifPresent(unfit -> {
            throw new FieldRefused("name", unfit.code(), "name must be one printable line of at most "
                    + AdministrationController.NAME_LIMIT + " characters: " + unfit.detail());
        });
        if (body.operatorId() == null) {
            throw new FieldRefused("operatorId", "api.body.required", "operatorId is required");
        }
        int days = body.validityDays() == null ? 365 : body.validityDays();
        if (days < 0 || days > ApiTokensController.MAX_DAYS) {
            throw new FieldRefused("validityDays", "api.body.value",
                    "validityDays must be 0 (until revoked) to " + ApiTokensController.MAX_DAYS);
        }
        long centre = admin.actor().centreId();
        if (tokens.accounts(centre).stream().noneMatch(a -> a.id() == body.operatorId())) {
            throw new FieldRefused("operatorId", "api.body.value", "operatorId is no enabled account of your centre");
        }
        if (tokens.nameTaken(name)) {
            throw new FieldRefused("name", "apiTokens.nameTaken", "A token of this name exists");
        }
        ApiTokens.Created made = tokens.create(admin.getName(), body.operatorId(), name,
                days == 0 ? null : Duration.ofDays(days));
        Instant expires = tokens.ofCentre(centre, made.id()).map(ApiTokens.Listed::expiresAt).orElse(null);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedToken(made.id(), made.name(), made.token(), expires));
    }

    @Operation(summary = "Revoke an API token of the centre (administrators); its next call is a 401",
            description = "404 for no such token of the centre, 409 (apiToken.revoked) for one revoked already.")
    @PostMapping("/{id}/revoke")
    ResponseEntity<?> revoke(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id) {
        long centre = admin.actor().centreId();
        if (tokens.ofCentre(centre, id).isEmpty()) {
            return problem(ApiProblems.of(HttpStatus.NOT_FOUND, "apiToken.unknown", "No token " + id + " of your centre"));
        }
        if (!tokens.revoke(admin.getName(), id)) {
            return problem(ApiProblems.of(HttpStatus.CONFLICT, "apiToken.revoked", "Token " + id + " is revoked already"));
        }
        return ResponseEntity.ok(answer(tokens.ofCentre(centre, id).orElseThrow(), clock.instant()));
    }

    @ExceptionHandler(FieldRefused.class)
    ResponseEntity<ProblemDetail> refused(FieldRefused e) {
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", e.getMessage(),
                List.of(new FieldError(e.field, e.code, e.getMessage()))));
    }

    /** A token id that is no number, or a body that is not JSON of the expected shape: 400, never a 500. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, HttpMessageNotReadableException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : "body";
        String message = field + " is not of the expected form";
        return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", message,
                List.of(new FieldError(field, "api.body.value", message))));
    }

    private static TokenAnswer answer(ApiTokens.Listed t, Instant now) {
        String status = t.revoked() ? "REVOKED" : t.expired(now) ? "EXPIRED" : "ACTIVE";
        return new TokenAnswer(t.id(), t.name(), t.operator(), t.centre(), t.createdBy(), t.createdAt(), t.expiresAt(),
                t.lastUsedAt(), status);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

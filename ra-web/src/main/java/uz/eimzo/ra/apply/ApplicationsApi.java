package uz.eimzo.ra.apply;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.OnlineApplications;
import uz.eimzo.ra.api.ApiProblems;
import uz.eimzo.ra.limits.ApplicationLimits;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The public application as JSON ({@code POST /api/applications}, no sign-in): the same checks, limits, reference,
 * tracking secret and e-mail as the form at {@code /apply}, for portals and apps that collect the form themselves.
 */
@ConditionalOnProperty(name = "eimzo.apply.enabled", havingValue = "true", matchIfMissing = true)
@RestController
@Tag(name = "applications", description = "Apply online: the applicant's own application, public and rate limited")
class ApplicationsApi {

    /** An application: the applicant's form, the centre that will confirm the identity, the key option, a language. */
    record NewApplication(ApplicantForm applicant,
                          @Schema(description = "The service centre that confirms the identity", example = "1") Long centreId,
                          KeyOption keyOption,
                          @Schema(description = "What the certificate is for: policy OIDs of the applicant type's profile "
                                  + "(see /cps); absent for every purpose, empty or unknown is refused (field purposes)",
                                  example = "[\"1.2.860.3.2.2.1.2.1\"]") List<String> purposes,
                          @Schema(description = "uz (default), ru or en: the language of the e-mails", example = "uz") String language) {
    }

    /** What the applicant keeps: the reference, the tracking secret (returned only here) and the tracking page. */
    record Received(String reference, String trackingSecret, String trackingUrl) {
    }

    private final OnlineApplications applications;
    private final ApplicationLimits limits;
    private final ApplicationMail mail;
    private final ScheduledExecutorService sweep;
    private final ApplicationMeters meters;

    ApplicationsApi(OnlineApplications applications, ApplicationLimits limits, ApplicationMail mail,
                    ScheduledExecutorService applicationNoticeSweep, ApplicationMeters meters) {
        this.applications = applications;
        this.limits = limits;
        this.mail = mail;
        this.sweep = applicationNoticeSweep;
        this.meters = meters;
    }

    @PostMapping(path = "/api/applications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Apply online", description = "Public and rate limited per e-mail address, phone number and client "
            + "address (429 when a limit is reached). Answers 201 with the reference and the tracking secret, which is "
            + "shown only now; an e-mail with the reference goes to the applicant. Nothing is signed before an identity "
            + "check at the chosen centre or by MyID.")
    @SecurityRequirements
    ResponseEntity<?> apply(@RequestBody NewApplication application, HttpServletRequest request) {
        ApplicantForm form = application.applicant() == null
                ? new ApplicantForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, false, null)
                : application.applicant();
        byte[] client = ApplicationLimits.client(request.getRemoteAddr());
        limits.check(form.email(), form.phone(), client);
        OnlineApplications.Received received = applications.apply(form, application.centreId(), application.keyOption(), application.purposes(),
                application.language(), client);
        meters.count("received", "api", "none");
        sweep.execute(mail::sendDue);
        String tracking = ServletUriComponentsBuilder.fromContextPath(request).path("/apply/{reference}")
                .buildAndExpand(received.reference()).toUriString();
        return ResponseEntity.status(HttpStatus.CREATED).body(new Received(received.reference(), received.trackingSecret(), tracking));
    }

    /** The public API's refusals, as problem details like the rest of /api. */
    @RestControllerAdvice(assignableTypes = ApplicationsApi.class)
    static class Errors {

        private final ApplicationMeters meters;

        Errors(ApplicationMeters meters) {
            this.meters = meters;
        }

        @ExceptionHandler(InvalidApplicationException.class)
        ResponseEntity<ProblemDetail> invalid(InvalidApplicationException e) {
            meters.count("refused", "api", "invalid");
            return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "application.invalid", "The application has errors", e.errors()));
        }

        @ExceptionHandler(ApplicationLimits.Exceeded.class)
        ResponseEntity<ProblemDetail> limited(ApplicationLimits.Exceeded e) {
            meters.count("refused", "api", "limit." + e.which());
            return problem(ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, "application.limit." + e.which(), e.getMessage()));
        }

        @ExceptionHandler(HttpMessageNotReadableException.class)
        ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
            return problem(ApiProblems.of(HttpStatus.BAD_REQUEST, "api.body", "The request body is not valid JSON of the expected shape"));
        }

        private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
            return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}

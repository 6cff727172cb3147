package uz.eimzo.ra.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import uz.eimzo.ca.registration.FieldError;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Documents the API's one error shape ({@link ApiProblems}) in /v3/api-docs, on every operation under /api. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String SCHEMA = "Problem";

    /** The errors every API operation may answer, with what each means. */
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid input: a missing or malformed field (named in `fields`), a body that is not JSON of the expected shape, or a refused value",
            "401", "No valid API token or client certificate",
            "403", "The operator may not do this",
            "404", "No such request or certificate, or no such endpoint",
            "409", "The request is not in a state that allows this (already decided, replayed, being issued)",
            "413", "The body is larger than 1 MiB",
            "422", "The certificate would break the CA's rules (lint)",
            "503", "The database is unavailable; nothing was changed");

    /** RFC 9457 problem details with this API's extension members (documentation only). */
    @Schema(name = SCHEMA, description = "RFC 9457 problem details, media type application/problem+json")
    record Problem(
            @Schema(description = "The problem type: " + ApiProblems.TYPE_PREFIX + " followed by the error code",
                    example = "urn:eimzo:problem:application.invalid") URI type,
            @Schema(description = "The HTTP status phrase", example = "Bad Request") String title,
            @Schema(description = "The HTTP status code", example = "400") int status,
            @Schema(description = "What went wrong, in English", example = "The application has errors") String detail,
            @Schema(description = "The path of the request that failed", example = "/api/requests") URI instance,
            @Schema(description = "A stable code to match on (also the end of type)", example = "application.invalid") String error,
            @Schema(description = "Same as detail (kept for clients written before problem details)") String message,
            @Schema(description = "One entry per wrong field; empty when no field is to blame") List<FieldError> fields) {
    }

    /** The name of the bearer scheme every /api operation requires. */
    static final String BEARER = "apiToken";

    @Bean
    OpenApiCustomizer problemDetailsOnEveryOperation() {
        return openApi -> {
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").description("An API token an administrator made on the administration page "
                            + "(shown once); it acts as one operator account, with its centre and roles. A client "
                            + "certificate on the operators' HTTPS port is accepted instead."));
            ModelConverters.getInstance().readAll(Problem.class).forEach(openApi.getComponents()::addSchemas);
            Content problem = new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new io.swagger.v3.oas.models.media.MediaType().schema(
                            new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/" + SCHEMA)));
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations().forEach(operation -> {
                        if (operation.getSecurity() == null) {
                            // Operations that declare their own (an empty list: public, such as applying online) keep it.
                            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                        }
                        ERRORS.forEach((code, meaning) ->
                                operation.getResponses().addApiResponse(code, new ApiResponse().description(meaning).content(problem)));
                    });
                }
            });
        };
    }
}

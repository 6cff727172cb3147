package uz.eimzo.ra.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Errors the web layer raises with {@code sendError} on an API path (405 from Spring MVC, 404 for a path no
 * endpoint has, 403 from Spring Security, 413 from the size cap, ...) become problem details too, instead of
 * Tomcat's or Spring Boot's error page. Outermost filter, so it sees every {@code sendError} below it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrorResponses extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiProblems.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                sendError(status, null);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                if (isCommitted()) {
                    throw new IllegalStateException("Cannot send an error after the response was committed");
                }
                HttpStatus known = HttpStatus.resolve(status);
                if (known == null) {
                    super.sendError(status, message);
                    return;
                }
                resetBuffer();
                String detail = message == null || message.isBlank() ? known.getReasonPhrase() : message;
                ApiProblems.write(request, response, ApiProblems.of(known, ApiProblems.codeFor(status), detail));
                flushBuffer();
            }
        });
    }
}

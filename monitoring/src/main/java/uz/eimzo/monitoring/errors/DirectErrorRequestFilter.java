package uz.eimzo.monitoring.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The error path ({@code /error}) is where the container forwards a failed request; asked for directly it has no
 * error to show and Spring Boot would call that a 500, which monitoring counts as an outage and scanners as a
 * fault. A direct request is answered as any unknown page is: 404, through the usual error page. Forwarded errors
 * (the ERROR dispatch) are not filtered and show as before.
 */
public class DirectErrorRequestFilter extends OncePerRequestFilter {

    private final String errorPath;

    public DirectErrorRequestFilter(String errorPath) {
        this.errorPath = errorPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(errorPath) && !path.startsWith(errorPath + "/") && !path.startsWith(errorPath + ";");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}

package uz.eimzo.ra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import uz.eimzo.ra.api.ApiProblems;

import java.io.IOException;

/**
 * Authenticates integrators by {@code Authorization: Bearer <token>}, acting as the operator account the token
 * belongs to ({@link ApiTokens}); only the token's SHA-256 is stored. Not a bean, so it runs only in the API filter chain.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;

    public ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            tokens.authenticate(header.substring(7)).ifPresent(user -> SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(user, null, user.actor().roles().stream()
                            .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList())));
        }
        chain.doFilter(request, response);
    }

    /** Answers unauthenticated API calls with a JSON 401 instead of a redirect to the sign-in page. */
    static final class JsonEntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            ApiProblems.write(request, response, ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid API token is required"));
        }
    }
}

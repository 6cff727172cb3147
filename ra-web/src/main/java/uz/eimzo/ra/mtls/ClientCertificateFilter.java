package uz.eimzo.ra.mtls;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.operator.OperatorAccount;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Signs an operator in by the client certificate Tomcat verified against the operator CA on the HTTPS port:
 * the certificate's SHA-256 must be the one registered on an enabled, unlocked operator account.
 */
public class ClientCertificateFilter extends OncePerRequestFilter {

    private final OperatorDirectory operators;
    private final CaServices ca;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    /**
     * What form sign-in does too: a new session id (an id planted or seen before sign-in is worth nothing after it)
     * and a new CSRF token.
     */
    private final SessionAuthenticationStrategy sessions = new CompositeSessionAuthenticationStrategy(List.of(
            new ChangeSessionIdAuthenticationStrategy(),
            new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository())));
    private final boolean keepInSession;

    /** @param keepInSession true for the pages (one handshake signs the session in), false for the stateless API */
    public ClientCertificateFilter(OperatorDirectory operators, CaServices ca, Clock clock,
                                   boolean keepInSession) {
        this.operators = operators;
        this.ca = ca;
        this.clock = clock;
        this.keepInSession = keepInSession;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var existing = SecurityContextHolder.getContext().getAuthentication();
        if ((existing == null || !existing.isAuthenticated() || !(existing.getPrincipal() instanceof OperatorUser))
                && request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] presented
                && presented.length > 0) {
            X509Certificate client = presented[0];
            if (!client.getNotAfter().toInstant().isBefore(clock.instant())) {
                byte[] fingerprint = Certificates.sha256(Certificates.der(client));
                OperatorAccount account = operators.byClientCertificate(fingerprint).orElse(null);
                if (account != null && account.enabled()
                        && (account.lockedUntil() == null || account.lockedUntil().isBefore(clock.instant()))) {
                    OperatorUser user = new OperatorUser(account.actor(), account.fullName(), true);
                    var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, account.roles().stream()
                            .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(authentication);
                    SecurityContextHolder.setContext(context);
                    if (keepInSession) {
                        sessions.onAuthentication(authentication, request, response);
                        contexts.saveContext(context, request, response);
                    }
                    ca.audit().recordAlone(AuditEvent.success(account.username(), "operator.signIn",
                            "operator:" + account.username(), Map.of("method", "client certificate")));
                }
            }
        }
        chain.doFilter(request, response);
    }
}

package uz.eimzo.monitoring.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@value #HEADER} when it is a short token of safe characters (a proxy's or
 * a client's id), otherwise a fresh UUID. The id goes in the logging context, so every log line of the request and
 * every audit row it writes carries it, and back in the response header. Each application declares it as a bean. The header is untrusted: anything longer,
 * or with characters that could forge log lines or JSON (newlines, quotes, spaces), is replaced, never copied.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    /** The logging-context key; the CA's audit log reads the same key into every event it writes. */
    public static final String MDC_KEY = "requestId";
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);
    private static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An error or async dispatch of the same request keeps the id chosen on the way in.
        String incoming = request.getHeader(HEADER);
        String id = request.getAttribute(ATTRIBUTE) instanceof String chosen ? chosen : accepted(incoming);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        if (incoming != null && !incoming.equals(id)) {
            // Only the length: the value itself is what must not reach the log.
            log.debug("Replaced a malformed {} header of {} characters", HEADER, incoming.length());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The caller's id when well-formed, else a new one. */
    public static String accepted(String header) {
        return header != null && ACCEPTED.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}

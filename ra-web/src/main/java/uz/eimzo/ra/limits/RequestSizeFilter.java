package uz.eimzo.ra.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Caps every request body before anything reads it: CMP messages at 256 KiB, API calls at 1 MiB, an upload of
 * document scans on a request's page at {@code eimzo.ra.scans.max-request-size} (30 MB by default), everything else
 * at 6 MiB. A declared length over the cap is refused at once: a scan upload by sending the operator back to the
 * request's page, which says so beside the file field (the unread body is discarded by Tomcat up to
 * {@code server.tomcat.max-swallow-size}, so the browser sees that page rather than a reset connection); anything
 * else with 413. A chunked body is cut off when it passes the cap, so no client can make the server buffer without
 * bound.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeFilter extends OncePerRequestFilter {

    static final long CMP = 256 * 1024;
    static final long API = 1024 * 1024;
    static final long OTHER = 6 * 1024 * 1024;
    /** The request-page addresses that take scans: a single one and several for the preview. */
    private static final Pattern SCAN_UPLOAD = Pattern.compile("/requests/(\\d{1,18})/scans(/preview)?");

    private final ScanLimits scans;

    public RequestSizeFilter(ScanLimits scans) {
        this.scans = scans;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher scanUpload = SCAN_UPLOAD.matcher(path);
        boolean scan = "POST".equals(request.getMethod()) && scanUpload.matches();
        long cap = path.startsWith("/.well-known/cmp") ? CMP : path.startsWith("/api/") ? API
                : scan ? scans.maxRequestSize().toBytes() : OTHER;
        if (request.getContentLengthLong() > cap) {
            if (scan) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", request.getContextPath() + "/requests/" + scanUpload.group(1) + "?upload=tooLarge");
                return;
            }
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body larger than " + cap + " bytes");
            return;
        }
        chain.doFilter(new Capped(request, cap), response);
    }

    /** A request whose body stream ends in an error past the cap. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long cap;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > cap) {
                            throw new IOException("Request body larger than " + cap + " bytes");
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > cap) {
                            throw new IOException("Request body larger than " + cap + " bytes");
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}

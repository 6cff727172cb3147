package uz.eimzo.ra.availability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import uz.eimzo.ra.api.ApiProblems;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * When PostgreSQL is unreachable, every request (pages, API, sign-in, CMP) gets a clean 503 with Retry-After
 * instead of a 500, and nothing is half-applied: each write is one transaction that simply never committed.
 * Runs before Spring Security, whose own filters also read the database.
 */
@Component
// Just inside the request-id filter, so the outage's log line and answer carry the request id.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!databaseUnavailable(e)) {
                throw e;
            }
            log.warn("Database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(),
                    rootMessage(e));
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setHeader("Cache-Control", "no-store");
            if (ApiProblems.isApi(request)) {
                ApiProblems.write(request, response, ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                        "The database is unavailable; nothing was changed. Retry shortly."));
            } else {
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter().write("""
                        <!DOCTYPE html><html lang="uz"><head><meta charset="UTF-8"><title>E-IMZO</title></head><body>
                        <h1>Xizmat vaqtincha ishlamayapti</h1>
                        <p>Ma’lumotlar bazasi bilan aloqa yo‘q; hech narsa o‘zgartirilmadi. Birozdan so‘ng qaytadan urinib ko‘ring.</p>
                        <p>Сервис временно недоступен: нет связи с базой данных, ничего не изменено. Повторите попытку чуть позже.</p>
                        <p>The service is temporarily unavailable: the database cannot be reached and nothing was changed. Try again shortly.</p>
                        </body></html>""");
            }
        }
    }

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A commit or rollback that fails in the infrastructure means the connection broke under the request.
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

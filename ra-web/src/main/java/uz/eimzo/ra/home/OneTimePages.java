package uz.eimzo.ra.home;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result page of a POST that shows a one-time secret (a PKCS#12 password, a revocation code), kept for a few
 * minutes in the user's own session under the address it was posted to. The language links of every page are
 * {@code ?lang=…} on the same address, so the GET that follows a language switch or a reload shows the same result
 * in the new language instead of a 405 and a lost secret. Nothing goes into a URL or a log; another session never sees
 * it; it is gone after {@link #LIFETIME} or with the session (sign-out, 15 minutes idle).
 */
@Component
public class OneTimePages implements HandlerInterceptor {

    /** Long enough to switch language and read the secret out, short enough not to linger in a long session. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PREFIX = "oneTimePage:";
    private static final String FLASHED = "oneTimeFlash:";
    /** Flash attributes that carry a secret shown once after a redirect (revocation and enrolment codes, passwords). */
    static final Set<String> SECRETS = Set.of("revocationCode", "enrollmentCode", "newOperator",
            "newPassword", "clientCertificate");

    private record Kept(String view, Map<String, Object> model, Instant until) {
    }

    private final Clock clock;

    public OneTimePages(Clock clock) {
        this.clock = clock;
    }

    /** Keeps what the page at {@code address} shows; call with the model the POST renders. */
    public void keep(HttpSession session, String address, String view, Map<String, Object> model) {
        session.setAttribute(PREFIX + address, new Kept(view, model.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getKey().startsWith("org.springframework"))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)),
                clock.instant().plus(LIFETIME)));
    }

    /**
     * A value a one-time page kept at {@code address} still holds (a revocation code or PKCS#12 password for the printed
     * receipt), looking at both a POST's result page and a redirect's flashed secrets; empty once expired or gone.
     */
    public Optional<Object> kept(HttpSession session, String address, String name) {
        for (String key : new String[]{PREFIX + address, FLASHED + address}) {
            if (session.getAttribute(key) instanceof Kept kept && kept.until().isAfter(clock.instant())
                    && kept.model().get(name) != null) {
                return Optional.of(kept.model().get(name));
            }
        }
        return Optional.empty();
    }

    /** The view to render again with its model filled in, or empty when nothing is kept (or it expired). */
    public Optional<String> show(HttpSession session, String address, Model model) {
        if (!(session.getAttribute(PREFIX + address) instanceof Kept kept)) {
            return Optional.empty();
        }
        if (!kept.until().isAfter(clock.instant())) {
            session.removeAttribute(PREFIX + address);
            return Optional.empty();
        }
        model.addAllAttributes(kept.model());
        return Optional.of(kept.view());
    }

    /**
     * The same for a secret shown on the GET page a POST redirected to (it arrives as a flash attribute, which a
     * second GET no longer has): kept when first shown, given back to the same address when the user switches language.
     */
    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response,
                           Object handler, ModelAndView view) {
        if (view == null || !"GET".equals(request.getMethod()) || view.getViewName() == null
                || view.getViewName().startsWith("redirect:")) {
            return;
        }
        String address = FLASHED + request.getRequestURI();
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        Map<String, Object> secrets = new HashMap<>();
        if (flash != null) {
            flash.forEach((name, value) -> {
                if (SECRETS.contains(name) && value != null) {
                    secrets.put(name, value);
                }
            });
        }
        if (!secrets.isEmpty()) {
            request.getSession().setAttribute(address, new Kept(view.getViewName(), Map.copyOf(secrets),
                    clock.instant().plus(LIFETIME)));
        } else if (request.getParameter("lang") != null && request.getSession(false) != null
                && request.getSession(false).getAttribute(address) instanceof Kept kept) {
            if (kept.until().isAfter(clock.instant())) {
                kept.model().forEach((name, value) -> view.getModelMap().putIfAbsent(name, value));
            } else {
                request.getSession(false).removeAttribute(address);
            }
        }
    }

    /**
     * A one-time result that is no longer there (downloaded, expired, another session): a 410 page in the user's
     * language with a link back to {@code back}.
     */
    public static final class Gone extends RuntimeException {
        private final String back;
        private final String backText;

        /** Gone, with a link back to a request's page. */
        public Gone(String back) {
            this(back, "oneTime.back");
        }

        /** Gone, with a link back to {@code back} reading {@code backText} (a message key). */
        public Gone(String back, String backText) {
            super("one-time result no longer available", null, false, false);
            this.back = back;
            this.backText = backText;
        }

        public String back() {
            return back;
        }

        public String backText() {
            return backText;
        }
    }

    /** Renders {@link Gone} for every controller (operators' requests and administration alike). */
    @ControllerAdvice
    static class GonePage {

        private final RefusalText refusals;

        GonePage(RefusalText refusals) {
            this.refusals = refusals;
        }

        @ExceptionHandler(Gone.class)
        @ResponseStatus(HttpStatus.GONE)
        String gone(Gone e, Model model) {
            model.addAttribute("message", refusals.text("error.pfx.gone"));
            model.addAttribute("back", e.back());
            model.addAttribute("backText", e.backText());
            return "problem";
        }
    }
}

package uz.eimzo.ra.inputs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import uz.eimzo.ca.text.TextRules;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses a request whose parameters (query string, form fields, multipart text fields) or path variables carry
 * characters {@link TextRules} refuses, before the handler runs: a NUL byte would otherwise reach PostgreSQL
 * and come back as a 500. Posted parameters may span lines (pasted PEM, a reason); query parameters and path
 * variables may not. Lengths are the handlers' business (they know the field), as is every text inside a JSON body.
 */
public class PrintableParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Set<String> checkedByHandler = handler instanceof HandlerMethod method && method.hasMethodAnnotation(ChecksItsOwnText.class)
                ? Arrays.stream(method.getMethodAnnotation(ChecksItsOwnText.class).value().getRecordComponents())
                        .map(RecordComponent::getName).collect(Collectors.toSet())
                : Set.of();
        // A query (GET) is one line; a posted form may carry a pasted PEM request or a reason over several.
        boolean multiline = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            check("parameter name", parameter.getKey(), false);
            if (checkedByHandler.contains(parameter.getKey())) {
                continue;
            }
            for (String value : parameter.getValue()) {
                check("parameter " + shown(parameter.getKey()), value, multiline);
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                check("path segment " + variable.getKey(), String.valueOf(variable.getValue()), false);
            }
        }
        return true;
    }

    private static void check(String what, String value, boolean multiline) {
        var finding = multiline ? TextRules.multiline(value, Integer.MAX_VALUE) : TextRules.line(value, Integer.MAX_VALUE);
        finding.ifPresent(f -> {
            throw new UnprintableInputException(f.code(), what + " contains " + f.detail());
        });
    }

    /** A parameter name in a message: only its printable ASCII, since it may be the offending text itself. */
    private static String shown(String name) {
        String printable = name.codePoints().limit(40).filter(c -> c > 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.isEmpty() ? "?" : printable;
    }
}

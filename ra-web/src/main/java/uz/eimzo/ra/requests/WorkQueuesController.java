package uz.eimzo.ra.requests;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ra.operator.OperatorUser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A work queue on its own page, a page at a time. The parameters come as text and are checked here: a value that is no
 * number, out of bounds or no known word is a field error (400, the page shown with the queue's defaults), never a 500.
 */
@Controller
class WorkQueuesController {

    private final WorkQueues queues;

    WorkQueuesController(WorkQueues queues) {
        this.queues = queues;
    }

    @GetMapping("/queues/{name}")
    String queue(@AuthenticationPrincipal OperatorUser user, @PathVariable String name,
                 @RequestParam Optional<String> page, @RequestParam Optional<String> size,
                 @RequestParam Optional<String> sort, @RequestParam Optional<String> dir,
                 Model model, HttpServletResponse response) {
        WorkQueues.Kind kind = WorkQueues.Kind.bySlug(name)
                .orElseThrow(() -> new RegistrationException("request.unknown", "No queue " + name));
        if (!kind.visibleTo(user.actor())) {
            throw new AccessDeniedException("The " + name + " queue is for the roles that act on it");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        int pageNumber = number(page, 1, Integer.MAX_VALUE, 1, "page", "queues.error.page", errors);
        int pageSize = number(size, 1, WorkQueues.MAX_PAGE_SIZE, WorkQueues.DEFAULT_PAGE_SIZE, "size", "queues.error.size", errors);
        WorkQueues.Sort order = word(sort, WorkQueues.Sort.class, WorkQueues.Sort.SINCE, "sort", "queues.error.sort", errors);
        boolean descending = switch (dir.orElse(kind.newestFirst() ? "desc" : "asc")) {
            case "asc" -> false;
            case "desc" -> true;
            default -> {
                errors.put("dir", "queues.error.dir");
                yield kind.newestFirst();
            }
        };
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("errors", errors);
        model.addAttribute("queue", queues.page(user.actor(), kind, order, descending, pageNumber, pageSize));
        model.addAttribute("sorts", WorkQueues.Sort.values());
        return "requests/queue";
    }

    private static int number(Optional<String> text, int min, int max, int otherwise, String field, String code,
                              Map<String, String> errors) {
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Falls through to the field error, as an out-of-bounds number does.
        }
        errors.put(field, code);
        return otherwise;
    }

    private static <E extends Enum<E>> E word(Optional<String> text, Class<E> type, E otherwise, String field,
                                              String code, Map<String, String> errors) {
        if (text.isEmpty()) {
            return otherwise;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.get().strip())) {
                return value;
            }
        }
        errors.put(field, code);
        return otherwise;
    }
}

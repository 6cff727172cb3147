package uz.eimzo.ra.home;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.x509.LintException;

import jakarta.servlet.http.HttpServletResponse;

/** Refusals of the core become pages with a precise message, never a 500. */
@ControllerAdvice(basePackages = {"uz.eimzo.ra.requests", "uz.eimzo.ra.certificates", "uz.eimzo.ra.home"})
class ErrorPages {

    private final RefusalText refusals;

    ErrorPages(RefusalText refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(RegistrationException.class)
    String refused(RegistrationException e, Model model, HttpServletResponse response) {
        response.setStatus(switch (e.code()) {
            case "request.unknown" -> 404;
            case "forbidden" -> 403;
            default -> 400;
        });
        model.addAttribute("message", refusals.of(e));
        return "problem";
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(Exception e, Model model) {
        model.addAttribute("message", e instanceof IllegalArgumentException refused ? refusals.of(refused)
                : refusals.text("problem.badInput"));
        return "problem";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("message", refusals.text("problem.tooLarge"));
        return "problem";
    }

    /** A certificate the linter refused is a fault of the profile or the request, not a reason for a 500. */
    @ExceptionHandler(LintException.class)
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    String lint(LintException e, Model model) {
        model.addAttribute("message", refusals.text("error.lint", e.getMessage()));
        return "problem";
    }
}

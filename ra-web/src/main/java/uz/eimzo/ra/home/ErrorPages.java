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

/** Refusals of the core become pages with a precise message, never a 500. */
@ControllerAdvice(basePackages = {"uz.eimzo.ra.requests", "uz.eimzo.ra.certificates", "uz.eimzo.ra.home"})
class ErrorPages {

    @ExceptionHandler(RegistrationException.class)
    String refused(RegistrationException e, Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(switch (e.code()) {
            case "request.unknown" -> 404;
            case "forbidden" -> 403;
            default -> 400;
        });
        model.addAttribute("message", e.getMessage());
        return "problem";
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(Exception e, Model model) {
        model.addAttribute("message", e instanceof IllegalArgumentException ? e.getMessage() : "A field of the request is missing or malformed");
        return "problem";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("message", "The uploaded file is too large");
        return "problem";
    }
}

package uz.eimzo.tsa.web;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import uz.eimzo.tsa.answers.NoCertifiedKeyException;
import uz.eimzo.tsa.attachment.StampRefusedException;
import uz.eimzo.tsa.verification.MalformedDocumentException;

import java.util.Locale;

/**
 * Input that is not a document is 400 with RFC 9457 problem details; a TSA that cannot stamp now is 503. Titles and
 * details are in the relying party's language ({@link Languages}). On the E-IMZO-compatible paths the problem also
 * carries E-IMZO's {@code message}; its HTTP status (not 1) already tells an E-IMZO client it failed.
 */
@RestControllerAdvice(assignableTypes = {VerificationController.class, EimzoController.class})
class VerificationErrors {

    private final MessageSource messages;

    VerificationErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MalformedDocumentException.class)
    ProblemDetail malformed(MalformedDocumentException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.BAD_REQUEST, "tsa.problem.malformed.title", text(e.code(), e.arguments(), locale),
                handler, locale);
    }

    @ExceptionHandler(BadInputException.class)
    ProblemDetail badInput(BadInputException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.BAD_REQUEST, "tsa.problem.malformed.title", text(e.code(), e.arguments(), locale),
                handler, locale);
    }

    /** What a parser let through unchecked is still the input's fault, never a 500. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail unexpected(IllegalArgumentException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.BAD_REQUEST, "tsa.problem.malformed.title",
                text("tsa.document.malformed", new Object[0], locale), handler, locale);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.BAD_REQUEST, "tsa.problem.unreadable.title",
                text("tsa.problem.unreadable.detail", new Object[0], locale), handler, locale);
    }

    @ExceptionHandler(StampRefusedException.class)
    ProblemDetail refused(StampRefusedException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "tsa.problem.refused.title",
                text("tsa.refused." + e.refusal().name(), new Object[0], locale), handler, locale);
    }

    @ExceptionHandler(NoCertifiedKeyException.class)
    ProblemDetail unsigned(NoCertifiedKeyException e, HandlerMethod handler, Locale locale) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "tsa.problem.unsigned.title",
                text("tsa.problem.unsigned.detail", new Object[0], locale), handler, locale);
    }

    private String text(String code, Object[] arguments, Locale locale) {
        return messages.getMessage(code, arguments, locale);
    }

    private ProblemDetail problem(HttpStatus status, String titleCode, String detail, HandlerMethod handler, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(text(titleCode, new Object[0], locale));
        if (handler.getBeanType() == EimzoController.class) {
            problem.setProperty("message", detail);
        }
        return problem;
    }
}

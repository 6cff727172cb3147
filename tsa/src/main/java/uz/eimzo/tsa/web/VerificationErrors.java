package uz.eimzo.tsa.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import uz.eimzo.tsa.attachment.StampRefusedException;
import uz.eimzo.tsa.verification.MalformedDocumentException;

/**
 * Input that is not a document is 400 with RFC 9457 problem details; a TSA that cannot stamp now is 503. On the
 * E-IMZO-compatible paths the problem also carries E-IMZO's {@code message}; its HTTP status (not 1) already tells an E-IMZO client it failed.
 */
@RestControllerAdvice(assignableTypes = {VerificationController.class, EimzoController.class})
class VerificationErrors {

    @ExceptionHandler({MalformedDocumentException.class, BadInputException.class, IllegalArgumentException.class})
    ProblemDetail malformed(Exception e, HandlerMethod handler) {
        return problem(HttpStatus.BAD_REQUEST, "Not a readable signed document", e.getMessage(), handler);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HandlerMethod handler) {
        return problem(HttpStatus.BAD_REQUEST, "Not a readable request", "the body is not the expected JSON", handler);
    }

    @ExceptionHandler(StampRefusedException.class)
    ProblemDetail refused(StampRefusedException e, HandlerMethod handler) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The time-stamp authority cannot stamp now", e.getMessage(), handler);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HandlerMethod handler) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (handler.getBeanType() == EimzoController.class) {
            problem.setProperty("message", detail);
        }
        return problem;
    }
}

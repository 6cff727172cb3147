package uz.eimzo.ra.inputs;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import uz.eimzo.ca.x509.MalformedInputException;

/**
 * A parameter of the request carries a control, invisible or bidirectional character. The API and the operator
 * pages refuse it as any malformed input (400 with the code {@code text.control} or {@code text.bidi}); elsewhere
 * the status annotation makes it a 400 error page.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class UnprintableInputException extends MalformedInputException {

    public UnprintableInputException(String code, String message) {
        super(code, message);
    }
}

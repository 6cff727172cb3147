package uz.eimzo.ra.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Sign-in details that carry the one-time code typed beside the password. */
public class CodeDetails extends WebAuthenticationDetails {

    private final String code;

    public CodeDetails(HttpServletRequest request) {
        super(request);
        this.code = request.getParameter("code");
    }

    public String code() {
        return code;
    }
}

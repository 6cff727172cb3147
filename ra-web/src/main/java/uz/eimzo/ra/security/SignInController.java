package uz.eimzo.ra.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import uz.eimzo.ra.operator.OperatorAccount;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.operator.Totp;
import uz.eimzo.ra.home.QrCodes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/** The sign-in page and the one-time enrolment of an authenticator app by QR code. */
@Controller
class SignInController {

    private static final String ISSUER = "E-IMZO RA";
    private final OperatorDirectory operators;
    private final Clock clock;

    SignInController(OperatorDirectory operators, Clock clock) {
        this.operators = operators;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/enrol")
    String enrol(@AuthenticationPrincipal OperatorUser user, Model model) {
        OperatorAccount account = operators.byUsername(user.getName()).orElseThrow();
        byte[] secret = operators.totpSecret(account);
        String uri = Totp.uri(ISSUER, account.username(), secret);
        model.addAttribute("qr", "data:image/svg+xml;base64," + Base64.getEncoder()
                .encodeToString(qrSvg(uri).getBytes(StandardCharsets.UTF_8)));
        model.addAttribute("secret", Totp.base32(secret).replaceAll("(.{4})", "$1 ").strip());
        return "enrol";
    }

    @PostMapping("/enrol")
    String confirm(@AuthenticationPrincipal OperatorUser user, @RequestParam String code, HttpServletRequest request)
            throws ServletException {
        OperatorAccount account = operators.byUsername(user.getName()).orElseThrow();
        long step = Totp.verify(operators.totpSecret(account), code, clock.instant());
        if (step < 0 || !operators.recordSuccess(account.id(), step, clock.instant())) {
            return "redirect:/enrol?wrong";
        }
        operators.confirmTotp(account.id());
        // Sign in again with the code: the enrolment session never gets the operator's roles.
        request.logout();
        return "redirect:/login?enrolled";
    }

    /** A QR code as SVG ({@link QrCodes}). */
    static String qrSvg(String text) {
        return QrCodes.svg(text);
    }
}

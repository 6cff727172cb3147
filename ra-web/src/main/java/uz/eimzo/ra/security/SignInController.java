package uz.eimzo.ra.security;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
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
import uz.eimzo.ra.operator.Totp;

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

    /** A QR code as SVG: one rect per dark module, no image library needed. */
    static String qrSvg(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
            StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='-4 -4 ")
                    .append(m.getWidth() + 8).append(' ').append(m.getHeight() + 8)
                    .append("' width='240' height='240' shape-rendering='crispEdges'><rect x='-4' y='-4' width='100%' height='100%' fill='#fff'/><path d='");
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return svg.append("' fill='#000'/></svg>").toString();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}

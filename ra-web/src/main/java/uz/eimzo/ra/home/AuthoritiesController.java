package uz.eimzo.ra.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.x509.Certificates;

import java.util.HexFormat;
import java.time.Instant;

/** The public list of CAs this centre operates, with fingerprints and certificates to download. */
@Controller
class AuthoritiesController {

    private final CaServices ca;

    AuthoritiesController(CaServices ca) {
        this.ca = ca;
    }

    /** One CA as the page shows it. */
    record CaView(String name, String subject, Instant notAfter, String sha256, boolean root) {
    }

    @GetMapping("/ca")
    String authorities(Model model) {
        model.addAttribute("cas", ca.authorities().list().stream().map(a -> new CaView(a.name(),
                a.certificate().getSubjectX500Principal().getName(),
                a.certificate().getNotAfter().toInstant(),
                HexFormat.ofDelimiter(":").withUpperCase().formatHex(Certificates.sha256(Certificates.der(a.certificate()))),
                a.root())).toList());
        return "authorities";
    }
}

package uz.eimzo.ra.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.x509.Certificates;

import java.util.HexFormat;

/** The start page: which CAs this centre operates, with their fingerprints and certificates. */
@Controller
class HomeController {

    private final CaServices ca;

    HomeController(CaServices ca) {
        this.ca = ca;
    }

    /** One CA as the page shows it. */
    record CaView(String name, String subject, String notAfter, String sha256, boolean root) {
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("cas", ca.authorities().list().stream().map(a -> new CaView(a.name(),
                a.certificate().getSubjectX500Principal().getName(),
                a.certificate().getNotAfter().toInstant().toString(),
                HexFormat.ofDelimiter(":").withUpperCase().formatHex(Certificates.sha256(Certificates.der(a.certificate()))),
                a.root())).toList());
        return "home";
    }
}

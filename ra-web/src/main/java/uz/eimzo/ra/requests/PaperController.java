package uz.eimzo.ra.requests;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RequestSnapshot;
import uz.eimzo.ca.registration.RequestStatus;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ra.home.OneTimePages;
import uz.eimzo.ra.home.QrCodes;
import uz.eimzo.ra.operator.OperatorUser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Paper for the applicant, printed from the browser on A4 (a print stylesheet, no PDF library): the application form
 * with the data the certificate carries, as approved, for the applicant to sign; and the hand-over receipt with the
 * certificate's serial and what to do if the key is lost. Both in the chosen language (Uzbek by default).
 */
@Controller
class PaperController {

    private final Registrations registrations;
    private final CaServices ca;
    private final OneTimePages oneTimePages;

    PaperController(Registrations registrations, CaServices ca, OneTimePages oneTimePages) {
        this.registrations = registrations;
        this.ca = ca;
        this.oneTimePages = oneTimePages;
    }

    @GetMapping("/requests/{id}/print")
    String applicationForm(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, Model model) {
        RequestView request = registrations.find(user.actor(), id);
        RequestSnapshot snapshot = registrations.certifies(user.actor(), id);
        model.addAttribute("request", request);
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("subject", snapshot.subject());
        model.addAttribute("reference", reference(request));
        model.addAttribute("qr", qr(reference(request)));
        return "requests/print-form";
    }

    @GetMapping("/requests/{id}/receipt")
    String receipt(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, HttpSession session, Model model) {
        RequestView request = registrations.find(user.actor(), id);
        if (request.status() != RequestStatus.ISSUED || request.issuedSerial() == null) {
            throw new RegistrationException("request.status", "A receipt is for an issued certificate");
        }
        CertificateAuthority authority = ca.authoritiesDirectory().byId(request.issuedCaId())
                .orElseThrow(() -> new RegistrationException("request.unknown", "No such certificate"));
        var record = ca.certificates().find(authority.id(), request.issuedSerial())
                .orElseThrow(() -> new RegistrationException("request.unknown", "No such certificate"));
        String serialHex = request.issuedSerial().toString(16);
        model.addAttribute("request", request);
        model.addAttribute("subject", registrations.certifies(user.actor(), id).subject());
        model.addAttribute("record", record);
        model.addAttribute("caName", authority.name());
        model.addAttribute("serialHex", serialHex);
        model.addAttribute("reference", reference(request));
        model.addAttribute("selfServiceUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/self-service").toUriString());
        // The one-time secrets, only while the operator's own issuance page still holds them (ten minutes).
        String certificatePage = "/certificates/" + authority.name() + "/" + serialHex;
        model.addAttribute("revocationCode", oneTimePages.kept(session, "/requests/" + id + "/issue", "revocationCode")
                .or(() -> oneTimePages.kept(session, certificatePage, "revocationCode")).orElse(null));
        model.addAttribute("password", oneTimePages.kept(session, "/requests/" + id + "/issue", "password").orElse(null));
        model.addAttribute("fileName", oneTimePages.kept(session, "/requests/" + id + "/issue", "fileName").orElse(null));
        return "requests/receipt";
    }

    private static String reference(RequestView request) {
        return "EIMZO-" + request.centreId() + "-" + request.id();
    }

    private static String qr(String text) {
        return "data:image/svg+xml;base64," + Base64.getEncoder()
                .encodeToString(QrCodes.svg(text).getBytes(StandardCharsets.UTF_8));
    }
}

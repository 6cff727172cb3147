package uz.eimzo.ra.cps;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.config.CaProperties;

import java.util.HexFormat;
import java.time.Instant;

/**
 * The certification practice statement, public (no sign-in) in Uzbek, Russian and English: the policies each
 * profile's certificates carry, straight from the profile settings, who the CA is, how to apply and revoke, and
 * where status is published. The fixed prose is in the message bundles; everything that varies is read here.
 */
@Controller
class CpsController {

    private final CaServices ca;
    private final ProfileCatalog profiles;
    private final PublicationUrls urls;
    /** The public application form exists (eimzo.apply.enabled); the page links to it only then. */
    private final boolean applyOnline;

    CpsController(CaServices ca, ProfileCatalog profiles, CaProperties properties,
                  @Value("${eimzo.apply.enabled:true}") boolean applyOnline) {
        this.applyOnline = applyOnline;
        this.ca = ca;
        this.profiles = profiles;
        this.urls = new PublicationUrls(properties.responderUrl());
    }

    /** One policy of one profile as the page lists it. */
    record PolicyView(String profile, String applicantType, String oid, String notice, String cpsUri, String validity) {
    }

    /** One CA as the page lists it. */
    record CaView(String name, String subject, boolean root, Instant notAfter, String sha256, String crlUrl,
                  String certificateUrl) {
    }

    /** A recognised external CA (the national root, another centre's CA). */
    record ExternalView(String name, String subject, Instant notAfter) {
    }

    @GetMapping("/cps")
    String cps(Model model) {
        model.addAttribute("policies", profiles.all().stream().flatMap(p -> p.policies().stream().map(policy ->
                new PolicyView(p.name(), p.applicantType().name(), policy.oid(), policy.userNotice(), policy.cpsUri(),
                        p.validity().toString()))).toList());
        model.addAttribute("cas", ca.authorities().list().stream().map(a -> new CaView(a.name(),
                a.certificate().getSubjectX500Principal().getName(), a.root(),
                a.certificate().getNotAfter().toInstant(),
                HexFormat.ofDelimiter(":").withUpperCase().formatHex(Certificates.sha256(Certificates.der(a.certificate()))),
                urls.crl(a.name()), urls.caCertificate(a.name()))).toList());
        model.addAttribute("external", ca.authoritiesDirectory().recognised().all().stream().map(r -> new ExternalView(
                r.name(), r.certificate().getSubjectX500Principal().getName(),
                r.certificate().getNotAfter().toInstant())).toList());
        model.addAttribute("ocspUrl", urls.ocsp());
        model.addAttribute("applyOnline", applyOnline);
        return "cps";
    }
}

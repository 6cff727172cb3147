package uz.eimzo.ra.selfservice;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.cmp.SignedChallenges;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.home.OneTimePages;
import uz.eimzo.ra.home.RefusalText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Collectors;
import uz.eimzo.ca.profile.CertificateProfile;

/** The applicants' public pages: certificate status, lost-key revocation, renewal with a signed challenge. */
@Controller
class SelfServiceController {

    private static final String CHALLENGE = "selfService.challenge";
    private static final String RENEWED_KEY = "selfService.renewedKey";
    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A one-time challenge kept in the applicant's session. */
    private record Challenge(String text, Instant expires) {
    }

    private final SelfService service;
    private final Clock clock;
    private final RefusalText refusals;
    private final OneTimePages oneTimePages;

    SelfServiceController(SelfService service, Clock clock, RefusalText refusals, OneTimePages oneTimePages) {
        this.service = service;
        this.clock = clock;
        this.refusals = refusals;
        this.oneTimePages = oneTimePages;
    }

    /**
     * The result of a status look-up, a revocation or a renewal again, in the language just chosen (the page's language
     * links are ?lang=… on the address the form was posted to); without a result, the self-service page.
     */
    @GetMapping({"/self-service/status", "/self-service/revoke", "/self-service/renew", "/self-service/renew-server-key"})
    String resultAgain(HttpServletRequest request, HttpSession session, Model model) {
        return oneTimePages.show(session, request.getRequestURI().substring(request.getContextPath().length()), model)
                .map(view -> {
                    model.addAttribute("challenge", challenge(session).text());
                    return view;
                })
                .orElse("redirect:/self-service");
    }

    private String kept(HttpSession session, String address, String view, Model model) {
        oneTimePages.keep(session, address, view, model.asMap());
        return view;
    }

    @GetMapping("/self-service")
    String index(HttpSession session, Model model) {
        model.addAttribute("challenge", challenge(session).text());
        return "selfservice/index";
    }

    /** The challenge as a file, so a tool signs exactly these bytes. */
    @GetMapping("/self-service/challenge.txt")
    ResponseEntity<String> challengeFile(HttpSession session) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).header("Cache-Control", "no-store")
                .body(challenge(session).text());
    }

    @PostMapping("/self-service/status")
    String status(@RequestParam String serial, HttpSession session, Model model) {
        model.addAttribute("challenge", challenge(session).text());
        model.addAttribute("serial", serial);
        try {
            service.status(serial).ifPresentOrElse(r -> model.addAttribute("record", r),
                    () -> model.addAttribute("notFound", true));
        } catch (SelfServiceException refused) {
            refuse(model, refused);
        }
        return kept(session, "/self-service/status", "selfservice/index", model);
    }

    @PostMapping("/self-service/revoke")
    String revoke(@RequestParam String serial, @RequestParam String code, HttpSession session, Model model) {
        model.addAttribute("challenge", challenge(session).text());
        try {
            model.addAttribute("revoked", service.revoke(serial, code));
        } catch (SelfServiceException refused) {
            refuse(model, refused);
        }
        return kept(session, "/self-service/revoke", "selfservice/index", model);
    }

    @PostMapping("/self-service/renew")
    String renew(@RequestParam(required = false) String csrText, @RequestParam(required = false) MultipartFile csrFile,
                 @RequestParam(required = false) String signatureText,
                 @RequestParam(required = false) MultipartFile signatureFile,
                 @RequestParam(required = false) String email, HttpSession session, Model model)
            throws IOException {
        Challenge challenge = challenge(session);
        // One challenge, one attempt: a failed or successful renewal both start over with a new one.
        session.removeAttribute(CHALLENGE);
        byte[] csr = upload(csrFile, csrText);
        byte[] signature = upload(signatureFile, signatureText);
        try {
            if (csr == null || signature == null) {
                throw new SelfServiceException("selfService.error.missing");
            }
            var signer = SignedChallenges.signer(signature, challenge.text().getBytes(StandardCharsets.UTF_8));
            SelfService.Renewed renewed = service.renew(signer, csr, email);
            model.addAttribute("newSerial", renewed.certificate().serial().toString(16));
            model.addAttribute("newNotAfter", renewed.certificate().certificate().getNotAfter().toInstant()
                    .atZone(CertificateProfile.TASHKENT));
            model.addAttribute("revocationCode", renewed.revocationCode());
            model.addAttribute("pfxName", renewed.fileName());
            model.addAttribute("pfxAlias", renewed.keyAlias());
            model.addAttribute("certificatePem", renewed.chain().stream().map(Certificates::pem).collect(Collectors.joining()));
            return kept(session, "/self-service/renew", "selfservice/renewed", model);
        } catch (SignedChallenges.RefusedProof refused) {
            model.addAttribute("errorKey", "selfService.error.proof");
            model.addAttribute("errorArgs", new Object[0]);
            model.addAttribute("errorDetail", refusals.of(refused));
        } catch (SelfServiceException refused) {
            refuse(model, refused);
        }
        model.addAttribute("challenge", challenge(session).text());
        return kept(session, "/self-service/renew", "selfservice/index", model);
    }

    /**
     * Renewal with a key made by the centre, in the current key's algorithm: a GOST-UZ holder signs the challenge with
     * the E-IMZO agent (or any CMS tool with GOST-UZ) and gets a new GOST-UZ key in a DS….pfx with a one-time password,
     * for holders who would rather not make it in the browser. The file is downloadable once, from this session.
     */
    @PostMapping("/self-service/renew-server-key")
    String renewWithServerKey(@RequestParam(required = false) String signatureText,
                              @RequestParam(required = false) MultipartFile signatureFile,
                              @RequestParam(required = false) String email, HttpSession session, Model model)
            throws IOException {
        Challenge challenge = challenge(session);
        session.removeAttribute(CHALLENGE);
        byte[] signature = upload(signatureFile, signatureText);
        try {
            if (signature == null) {
                throw new SelfServiceException("selfService.error.missing");
            }
            var signer = SignedChallenges.signer(signature, challenge.text().getBytes(StandardCharsets.UTF_8));
            SelfService.RenewedKey renewed = service.renewWithServerKey(signer, email);
            session.setAttribute(RENEWED_KEY, renewed.bundle());
            model.addAttribute("newSerial", renewed.bundle().issued().serial().toString(16));
            model.addAttribute("newNotAfter", renewed.bundle().issued().certificate().getNotAfter().toInstant()
                    .atZone(CertificateProfile.TASHKENT));
            model.addAttribute("revocationCode", renewed.revocationCode());
            model.addAttribute("fileName", renewed.bundle().fileName());
            model.addAttribute("password", new String(renewed.bundle().password()));
            return kept(session, "/self-service/renew-server-key", "selfservice/key-renewed", model);
        } catch (SignedChallenges.RefusedProof refused) {
            model.addAttribute("errorKey", "selfService.error.proof");
            model.addAttribute("errorArgs", new Object[0]);
            model.addAttribute("errorDetail", refusals.of(refused));
        } catch (SelfServiceException refused) {
            refuse(model, refused);
        }
        model.addAttribute("challenge", challenge(session).text());
        return kept(session, "/self-service/renew-server-key", "selfservice/index", model);
    }

    /** The centre-made DS….pfx of the last server-key renewal in this session, downloadable exactly once. */
    @GetMapping("/self-service/renewed.pfx")
    ResponseEntity<byte[]> renewedKey(HttpSession session) {
        Object bundle = session.getAttribute(RENEWED_KEY);
        session.removeAttribute(RENEWED_KEY);
        if (!(bundle instanceof KeyBundle file)) {
            throw new OneTimePages.Gone("/self-service", "selfService.back");
        }
        return ResponseEntity.ok().headers(h -> h.setContentDisposition(Downloads.attachment(file.fileName())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("application/x-pkcs12")).body(file.pkcs12());
    }

    private static void refuse(Model model, SelfServiceException refused) {
        model.addAttribute("errorKey", refused.messageKey());
        model.addAttribute("errorArgs", refused.arguments());
    }

    private Challenge challenge(HttpSession session) {
        Object existing = session.getAttribute(CHALLENGE);
        if (existing instanceof Challenge c && c.expires().isAfter(clock.instant())) {
            return c;
        }
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        Challenge fresh = new Challenge("E-IMZO renewal " + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                clock.instant().plus(CHALLENGE_LIFETIME));
        session.setAttribute(CHALLENGE, fresh);
        return fresh;
    }

    private static byte[] upload(MultipartFile file, String text) throws IOException {
        if (file != null && !file.isEmpty()) {
            return file.getBytes();
        }
        return text == null || text.isBlank() ? null : text.getBytes(StandardCharsets.US_ASCII);
    }
}

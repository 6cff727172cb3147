package uz.eimzo.ra.apply;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.EmailConfirmation;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.OnlineApplications;
import uz.eimzo.ca.registration.PhoneConfirmation;
import uz.eimzo.ca.registration.RemoteCollection;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.home.OneTimePages;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.inputs.ChecksItsOwnText;
import uz.eimzo.ra.limits.ApplicationLimits;
import uz.eimzo.ra.sms.SmsSender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;

/**
 * The applicant's pages, without sign-in: the application form, the reference and tracking secret shown once, the
 * tracking page (reference + secret, kept in the applicant's session so a language switch or reload keeps it), and
 * collection of the certificate with a one-time code mailed to the applicant.
 */
@ConditionalOnProperty(name = "eimzo.apply.enabled", havingValue = "true", matchIfMissing = true)
@Controller
class ApplyController {

    /** The application the session has opened with its secret. */
    record Opened(String reference, String secret) {
    }

    static final String OPENED = "apply.opened";
    private static final String COLLECTED = "apply.collected";

    private final OnlineApplications applications;
    private final RemoteCollection collection;
    private final ApplicationLimits limits;
    private final ApplicationMail mail;
    private final ScheduledExecutorService sweep;
    private final OneTimePages oneTimePages;
    private final RefusalText refusals;
    private final boolean myIdEnabled;
    private final ApplicationMeters meters;
    private final Clock clock;
    private final EmailConfirmation emails;
    private final PhoneConfirmation phones;
    private final boolean smsEnabled;

    ApplyController(OnlineApplications applications, RemoteCollection collection, ApplicationLimits limits,
                    ApplicationMail mail, ScheduledExecutorService applicationNoticeSweep, OneTimePages oneTimePages,
                    RefusalText refusals,
                    @Value("${eimzo.myid.enabled:false}") boolean myIdEnabled,
                    ApplicationMeters meters, Clock clock, EmailConfirmation emails, PhoneConfirmation phones,
                    @Value("${eimzo.sms.enabled:false}") boolean smsEnabled) {
        this.phones = phones;
        this.smsEnabled = smsEnabled;
        this.applications = applications;
        this.collection = collection;
        this.limits = limits;
        this.mail = mail;
        this.sweep = applicationNoticeSweep;
        this.oneTimePages = oneTimePages;
        this.refusals = refusals;
        this.myIdEnabled = myIdEnabled;
        this.meters = meters;
        this.clock = clock;
        this.emails = emails;
    }

    @GetMapping("/apply")
    String form(@RequestParam(defaultValue = "INDIVIDUAL") String type, Model model) {
        ApplicantType chosen = ApplicantType.INDIVIDUAL;
        for (ApplicantType t : ApplicantType.values()) {
            chosen = t.name().equals(type) ? t : chosen;
        }
        model.addAttribute("form", empty(chosen));
        return showForm(model, Map.of(), null, null, null);
    }

    @PostMapping("/apply/submit")
    @ChecksItsOwnText(ApplicantForm.class)
    String apply(@ModelAttribute("form") ApplicantForm form, BindingResult unparsable,
                 @RequestParam(required = false) String centreId, @RequestParam(required = false) String keyOption,
                 @RequestParam(required = false) List<String> purposes, HttpServletRequest request, HttpServletResponse response, HttpSession session, Model model) {
        // A date that does not parse stays empty and is reported by the field checks as missing.
        Long centre = parseLong(centreId);
        KeyOption option = parseOption(keyOption);
        // No box ticked sends no parameter: on this form that is a choice of nothing, refused beside the field.
        List<String> chosen = purposes == null ? List.of() : purposes;
        byte[] client = ApplicationLimits.client(request.getRemoteAddr());
        try {
            limits.check(form.email(), form.phone(), client);
            OnlineApplications.Received received = applications.apply(form, centre, option, chosen,
                    LocaleContextHolder.getLocale().getLanguage(), client);
            model.addAttribute("reference", received.reference());
            model.addAttribute("trackingSecret", received.trackingSecret());
            model.addAttribute("centre", applications.centres().stream().filter(c -> c.id() == centre).findFirst().orElseThrow());
            session.setAttribute(OPENED, new Opened(received.reference(), received.trackingSecret()));
            meters.count("received", "web", "none");
            model.addAttribute("emailCodeSent", sendEmailCode(received.reference(), received.trackingSecret()));
            model.addAttribute("phoneCodeSent", smsEnabled && sendPhoneCode(received.reference(), received.trackingSecret(), client));
            sweep.execute(mail::sendDue);
            oneTimePages.keep(session, "/apply/submit", "apply/received", model.asMap());
            return "apply/received";
        } catch (ApplicationLimits.Exceeded exceeded) {
            response.setStatus(429);
            meters.count("refused", "web", "limit." + exceeded.which());
            model.addAttribute("limit", "apply.limit." + exceeded.which());
            return showForm(model, Map.of(), centre, option, chosen);
        } catch (InvalidApplicationException invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach(e -> errors.putIfAbsent(e.field(), e.code()));
            response.setStatus(422);
            meters.count("refused", "web", "invalid");
            return showForm(model, errors, centre, option, chosen);
        }
    }

    /** The reference and secret again, in the language just chosen. */
    @GetMapping("/apply/submit")
    String receivedAgain(HttpSession session, Model model) {
        return oneTimePages.show(session, "/apply/submit", model).orElse("redirect:/apply/track");
    }

    @GetMapping("/apply/track")
    String track(HttpSession session, Model model) {
        if (session.getAttribute(OPENED) instanceof Opened opened) {
            var tracked = applications.track(opened.reference(), opened.secret());
            if (tracked.isPresent()) {
                model.addAttribute("tracked", tracked.get());
                model.addAttribute("collectable", collection.collectable(tracked.get()));
                model.addAttribute("remoteCheck", myIdEnabled && tracked.get().remoteAllowed()
                        && tracked.get().stage() == OnlineApplications.Stage.RECEIVED);
                // Without an SMS provider the phone cannot be confirmed: the page says it stays unconfirmed.
                model.addAttribute("phoneConfirmation", smsEnabled);
                return "apply/track";
            }
        }
        model.addAttribute("reference", "");
        return "apply/track";
    }

    @GetMapping("/apply/{reference:A-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}}")
    String trackLink(@PathVariable String reference, Model model) {
        model.addAttribute("reference", reference.toUpperCase(Locale.ROOT));
        return "apply/track";
    }

    @PostMapping("/apply/track")
    String open(@RequestParam String reference, @RequestParam String secret, HttpSession session, Model model,
                HttpServletResponse response) {
        if (applications.track(reference, secret).isEmpty()) {
            response.setStatus(404);
            model.addAttribute("reference", reference);
            model.addAttribute("error", refusals.text("error.application.secret"));
            return "apply/track";
        }
        session.setAttribute(OPENED, new Opened(reference.strip().toUpperCase(Locale.ROOT),
                secret.strip().toUpperCase(Locale.ROOT)));
        return "redirect:/apply/track";
    }

    @PostMapping("/apply/code")
    String code(HttpSession session, RedirectAttributes flash) {
        Opened opened = opened(session);
        return sendCode(flash, "codeSent", "apply.error.mailUnavailable",
                () -> mail.sendCode(collection.newCode(opened.reference(), opened.secret())));
    }

    /** Mails a code that confirms the address; false when no mail could be sent (the tracking page offers it again). */
    private boolean sendEmailCode(String reference, String secret) {
        return sent(() -> mail.sendEmailCode(emails.issue(reference, secret)));
    }

    @PostMapping("/apply/email")
    String confirmEmail(@RequestParam(required = false) String code, HttpSession session, RedirectAttributes flash) {
        return confirm(session, flash, "emailConfirmed", code, emails::confirm);
    }

    @PostMapping("/apply/email/resend")
    String resendEmailCode(HttpSession session, RedirectAttributes flash) {
        Opened opened = opened(session);
        return sendCode(flash, "codeSent", "apply.error.mailUnavailable",
                () -> mail.sendEmailCode(emails.issue(opened.reference(), opened.secret())));
    }

    /** Texts a code that confirms the phone; false when it could not go out (the tracking page offers it again). */
    private boolean sendPhoneCode(String reference, String secret, byte[] client) {
        return sent(() -> mail.sendPhoneCode(phones.issue(reference, secret, client)));
    }

    @PostMapping("/apply/phone")
    String confirmPhone(@RequestParam(required = false) String code, HttpSession session, RedirectAttributes flash) {
        return confirm(session, flash, "phoneConfirmed", code, phones::confirm);
    }

    @PostMapping("/apply/phone/resend")
    String resendPhoneCode(HttpSession session, HttpServletRequest request, RedirectAttributes flash) {
        Opened opened = opened(session);
        byte[] client = ApplicationLimits.client(request.getRemoteAddr());
        return sendCode(flash, "phoneCodeSent", "apply.error.smsUnavailable",
                () -> mail.sendPhoneCode(phones.issue(opened.reference(), opened.secret(), client)));
    }

    /** Checks a code the applicant typed, by e-mail's or phone's confirmation. */
    @FunctionalInterface
    private interface Confirmation {
        void confirm(String reference, String secret, String code);
    }

    /** Confirms the session's application with the code and goes back to the tracking page saying so, or why not. */
    private String confirm(HttpSession session, RedirectAttributes flash, String confirmedFlag, String code,
                           Confirmation confirmation) {
        Opened opened = opened(session);
        try {
            confirmation.confirm(opened.reference(), opened.secret(), code);
            flash.addFlashAttribute(confirmedFlag, true);
        } catch (IllegalArgumentException refused) {
            flash.addFlashAttribute("error", refusals.of(refused));
        }
        return "redirect:/apply/track";
    }

    /**
     * Sends a one-time code and goes back to the tracking page saying what happened: sent, no way to send it (no SMTP
     * server, no or a failing SMS provider), or the core's refusal (too soon, nothing to collect, already confirmed).
     */
    private String sendCode(RedirectAttributes flash, String sentFlag, String unavailableText, Runnable send) {
        try {
            send.run();
            flash.addFlashAttribute(sentFlag, true);
        } catch (ApplicationMail.Unavailable | SmsSender.Failed notSent) {
            flash.addFlashAttribute("error", refusals.text(unavailableText));
        } catch (IllegalArgumentException refused) {
            flash.addFlashAttribute("error", refusals.of(refused));
        }
        return "redirect:/apply/track";
    }

    /** Sends a code right after the application is received; false when it did not go out, for whatever reason. */
    private static boolean sent(Runnable send) {
        try {
            send.run();
            return true;
        } catch (ApplicationMail.Unavailable | MailException | SmsSender.Failed | IllegalArgumentException notSent) {
            return false;
        }
    }

    @PostMapping("/apply/collect")
    String collect(@RequestParam(required = false) String code, @RequestParam(required = false) String csrText,
                   @RequestParam(required = false) MultipartFile csrFile, HttpSession session, Model model,
                   RedirectAttributes flash) throws IOException {
        Opened opened = opened(session);
        byte[] csr = csrFile != null && !csrFile.isEmpty() ? csrFile.getBytes()
                : csrText == null || csrText.isBlank() ? null : csrText.getBytes(StandardCharsets.US_ASCII);
        RemoteCollection.Collected collected;
        try {
            collected = collection.collect(opened.reference(), opened.secret(), code, csr);
        } catch (IllegalArgumentException refused) {
            flash.addFlashAttribute("error", refusals.of(refused));
            return "redirect:/apply/track";
        }
        session.setAttribute(COLLECTED, collected);
        applications.track(opened.reference(), opened.secret())
                .ifPresent(t -> meters.toCertificate(Duration.between(t.createdAt(), clock.instant())));
        meters.count("collected", "web", "none");
        sweep.execute(mail::sendDue);
        model.addAttribute("serialHex", collected.serial().toString(16));
        model.addAttribute("certificatePem", Certificates.pem(Certificates.parse(collected.certificate())));
        model.addAttribute("revocationCode", collected.revocationCode());
        oneTimePages.keep(session, "/apply/collect", "apply/collected", model.asMap());
        return "apply/collected";
    }

    @GetMapping("/apply/collect")
    String collectedAgain(HttpSession session, Model model) {
        return oneTimePages.show(session, "/apply/collect", model).orElse("redirect:/apply/track");
    }

    /** The certificate just collected, as a file. */
    @GetMapping("/apply/certificate")
    ResponseEntity<byte[]> certificate(HttpSession session) {
        if (!(session.getAttribute(COLLECTED) instanceof RemoteCollection.Collected collected)) {
            throw new OneTimePages.Gone("/apply/track", "apply.track.back");
        }
        return ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(Downloads.attachment(collected.serial().toString(16) + ".cer")))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("application/pkix-cert")).body(collected.certificate());
    }

    private static Opened opened(HttpSession session) {
        if (session.getAttribute(OPENED) instanceof Opened opened) {
            return opened;
        }
        throw new OneTimePages.Gone("/apply/track", "apply.track.back");
    }

    private String showForm(Model model, Map<String, String> errors, Long centre, KeyOption option, List<String> purposes) {
        if (model.getAttribute("form") instanceof ApplicantForm form && form.type() != null) {
            model.addAttribute("purposes", applications.purposes(form.type()));
        }
        // A fresh form offers every purpose ticked; a refused one keeps what was ticked.
        model.addAttribute("chosenPurposes", purposes);
        model.addAttribute("errors", errors);
        model.addAttribute("types", ApplicantType.values());
        model.addAttribute("documentTypes", IdentityDocument.Type.values());
        model.addAttribute("centres", applications.centres());
        model.addAttribute("keyOptions", KeyOption.values());
        model.addAttribute("centreId", centre);
        model.addAttribute("keyOption", option);
        return "apply/form";
    }

    private static Long parseLong(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static KeyOption parseOption(String text) {
        for (KeyOption o : KeyOption.values()) {
            if (o.name().equals(text)) {
                return o;
            }
        }
        return null;
    }

    static ApplicantForm empty(ApplicantType type) {
        return new ApplicantForm(type, "", "", "", null, "", "", IdentityDocument.Type.PASSPORT, "", "", "", "", "+998", "",
                "", "", type.organisation() ? "mas'uliyati cheklangan jamiyat" : "", "", false, "");
    }
}

package uz.eimzo.ra.requests;

import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ca.registration.FieldError;
import uz.eimzo.ca.registration.IdentityChangedException;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.registration.RequestStatus;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.home.OneTimePages;
import uz.eimzo.ra.inputs.ChecksItsOwnText;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.home.RefusalText;

import uz.eimzo.ra.limits.ScanLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Registration pages: the request list, the application form, a request's page and its workflow buttons. */
@Controller
class RequestsController {

    /** Session attribute holding server-generated PKCS#12 files until their single download. */
    static final String PENDING_KEYS = "pendingKeyBundles";
    private final Registrations registrations;
    private final CaServices ca;

    private final DocumentScans scans;
    private final RefusalText refusals;
    private final OneTimePages oneTimePages;
    private final Drafts drafts;
    private final WorkQueues queues;
    private final ScanLimits scanLimits;

    RequestsController(Registrations registrations, CaServices ca, DocumentScans scans,
                       RefusalText refusals, OneTimePages oneTimePages, Drafts drafts,
                       WorkQueues queues, ScanLimits scanLimits) {
        this.registrations = registrations;
        this.ca = ca;
        this.scans = scans;
        this.refusals = refusals;
        this.oneTimePages = oneTimePages;
        this.drafts = drafts;
        this.queues = queues;
        this.scanLimits = scanLimits;
    }

    @GetMapping("/")
    String start() {
        return "redirect:/requests";
    }

    @GetMapping("/requests")
    String list(@AuthenticationPrincipal OperatorUser user, @RequestParam Optional<RequestStatus> status, Model model) {
        model.addAttribute("requests", registrations.list(user.actor(), status, 200));
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("status", status.orElse(null));
        model.addAttribute("queues", queues.of(user.actor()));
        model.addAttribute("drafts", user.actor().has(Actor.Role.REGISTRAR)
                ? drafts.list(user.actor(), 50) : List.of());
        return "requests/list";
    }

    @GetMapping("/requests/new")
    String form(@AuthenticationPrincipal OperatorUser user, @RequestParam(defaultValue = "INDIVIDUAL") ApplicantType type,
                @RequestParam Optional<Long> draft, Model model) {
        if (draft.isPresent()) {
            Drafts.Saved saved = drafts.draft(user.actor(), draft.get())
                    .orElseThrow(() -> new RegistrationException("request.unknown", "No draft " + draft.get()));
            model.addAttribute("form", saved.form());
            model.addAttribute("draftId", draft.get());
            return showForm(model, Map.of(), saved.purposes());
        }
        model.addAttribute("form", empty(type));
        return showForm(model, Map.of(), null);
    }

    /**
     * The form posted: submitted, saved as a request in draft, or (when incomplete) saved as a draft of the form; or
     * shown again for another applicant type with everything typed kept. The page marks that it offered the purposes
     * ({@code purposesOffered}), so no box ticked is a choice of nothing, refused beside the field as on the online
     * application; a post without the marker gets every purpose of the profile, as before the choice existed.
     */
    @PostMapping("/requests")
    @ChecksItsOwnText(ApplicantForm.class)
    String register(@AuthenticationPrincipal OperatorUser user, @ModelAttribute("form") ApplicantForm form,
                    @RequestParam UUID formToken, @RequestParam(defaultValue = "submit") String action,
                    @RequestParam(defaultValue = "false") boolean confirmIdentityChange,
                    @RequestParam Optional<ApplicantType> switchType, @RequestParam Optional<Long> draftId,
                    @RequestParam(required = false) List<String> purposes,
                    @RequestParam(defaultValue = "false") boolean purposesOffered,
                    RedirectAttributes flash, Model model) {
        draftId.ifPresent(id -> model.addAttribute("draftId", id));
        if (switchType.isPresent()) {
            // Another type has another profile, so its purposes are offered afresh.
            model.addAttribute("form", retyped(form, switchType.get()));
            return showForm(model, Map.of(), null);
        }
        List<String> chosen = purposesOffered ? (purposes == null ? List.of() : purposes) : null;
        boolean draft = "draft".equals(action);
        try {
            RequestView request = registrations.register(user.actor(), form, formToken, !draft, confirmIdentityChange,
                    chosen);
            draftId.ifPresent(id -> drafts.delete(user.actor(), id));
            return "redirect:/requests/" + request.id();
        } catch (IdentityChangedException e) {
            // The stored person next to what was typed; saving again with the box ticked makes a new version.
            model.addAttribute("differences", e.differences());
            return showForm(model, Map.of(), chosen);
        } catch (InvalidApplicationException e) {
            if (draft) {
                // Not yet a request: the form as typed is kept so that nothing is lost, and checked when submitted.
                long saved = drafts.save(user.actor(), draftId, new Drafts.Saved(form, chosen));
                flash.addFlashAttribute("draftSaved", true);
                return "redirect:/requests/new?draft=" + saved;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                errors.putIfAbsent(error.field(), error.code());
            }
            return showForm(model, errors, chosen);
        }
    }

    /** The typed form for another applicant type: every field kept, an organisation's legal form suggested. */
    private static ApplicantForm retyped(ApplicantForm f, ApplicantType type) {
        String legalForm = type.organisation() && (f.legalForm() == null || f.legalForm().isBlank())
                ? empty(type).legalForm() : f.legalForm();
        return new ApplicantForm(type, f.surname(), f.givenName(), f.patronymic(), f.birthDate(), f.sex(), f.pinfl(),
                f.documentType(), f.documentNumber(), f.personalStir(), f.region(), f.district(), f.phone(), f.email(),
                f.organisationStir(), f.organisationName(), legalForm, f.position(), f.representative(), f.powerOfAttorney());
    }

    /** The form with its field errors; {@code chosenPurposes} null ticks every purpose (a fresh form). */
    private String showForm(Model model, Map<String, String> errors, List<String> chosenPurposes) {
        if (model.getAttribute("form") instanceof ApplicantForm form && form.type() != null) {
            model.addAttribute("purposes", registrations.purposes(form.type()));
        }
        model.addAttribute("chosenPurposes", chosenPurposes);
        model.addAttribute("errors", errors);
        model.addAttribute("types", ApplicantType.values());
        model.addAttribute("documentTypes", IdentityDocument.Type.values());
        model.addAttribute("formToken", UUID.randomUUID());
        return "requests/form";
    }

    @GetMapping("/requests/{id}")
    String show(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                @RequestParam(required = false) String upload, Model model) {
        RequestView request = registrations.find(user.actor(), id);
        model.addAttribute("request", request);
        model.addAttribute("issuedCa", request.issuedCaId() == null ? null
                : ca.authoritiesDirectory().byId(request.issuedCaId()).map(a -> a.name()).orElse(null));
        var keyOptions = registrations.keyOptions();
        model.addAttribute("keyOptions", keyOptions);
        model.addAttribute("browserKey", keyOptions.contains(KeyOption.BROWSER_KEY));
        // WebCrypto makes P-256 keys only: under a GOST-UZ CA the page makes the key with gost-uz.js instead.
        model.addAttribute("gostBrowserKey", registrations.issuingCaKeyAlgorithm() == KeyAlgorithm.GOST_UZ);
        model.addAttribute("scans", scans.list(user.actor(), id));
        model.addAttribute("scanKinds", DocumentScans.Kind.values());
        model.addAttribute("scanFileMb", ScanLimits.megabytes(scanLimits.maxFileSize()));
        model.addAttribute("scanUploadMb", ScanLimits.megabytes(scanLimits.maxRequestSize()));
        // An upload refused by its size before it was read (RequestSizeFilter) comes back here, said beside the field.
        if ("tooLarge".equals(upload)) {
            model.addAttribute("scansError", refusals.text("scans.uploadTooLarge",
                    ScanLimits.megabytes(scanLimits.maxRequestSize())));
        }
        return "requests/show";
    }

    @PostMapping("/requests/{id}/submit")
    String submit(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, RedirectAttributes flash) {
        return step(id, flash, () -> registrations.submit(user.actor(), id));
    }

    @PostMapping("/requests/{id}/approve")
    String approve(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, RedirectAttributes flash) {
        return step(id, flash, () -> registrations.approve(user.actor(), id));
    }

    @PostMapping("/requests/{id}/reject")
    String reject(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestParam String reason,
                  RedirectAttributes flash) {
        return step(id, flash, () -> registrations.reject(user.actor(), id, reason));
    }

    @PostMapping("/requests/{id}/issue")
    String issue(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestParam KeyOption keyOption,
                 @RequestParam(required = false) String csrText, @RequestParam(required = false) MultipartFile csrFile,
                 HttpSession session, RedirectAttributes flash, Model model) throws IOException {
        byte[] csr = csrFile != null && !csrFile.isEmpty() ? csrFile.getBytes()
                : csrText == null || csrText.isBlank() ? null : csrText.getBytes(StandardCharsets.US_ASCII);
        IssuanceOutcome outcome;
        try {
            outcome = registrations.issue(user.actor(), id, keyOption, csr);
        } catch (IllegalArgumentException refused) {
            if (refused instanceof RegistrationException r && "request.unknown".equals(r.code())) {
                throw r; // another centre's request: 404, as for every other step
            }
            flash.addFlashAttribute("error", refusals.of(refused));
            // The operator's choice and pasted request come back as they were, to be corrected rather than retyped.
            flash.addFlashAttribute("keyOption", keyOption);
            flash.addFlashAttribute("csrText", csrText);
            return "redirect:/requests/" + id;
        }
        // Shown once, to be handed to the applicant: it revokes a lost key from the self-service page.
        flash.addFlashAttribute("revocationCode", outcome.revocationCode());
        if (outcome.keyBundle() == null) {
            if (keyOption == KeyOption.BROWSER_KEY) {
                // For the page that made the key (it posted with fetch): the chain to write into its DS….pfx.
                flash.addFlashAttribute("browserKeyChain", ca.issuer().chainOf(outcome.certificate()).stream()
                        .map(Certificates::pem).collect(Collectors.joining()));
            }
            return "redirect:/certificates/" + outcome.certificate().ca().name() + "/" + outcome.certificate().serial().toString(16);
        }
        pendingKeys(session).put(id, outcome.keyBundle());
        model.addAttribute("fileName", outcome.keyBundle().fileName());
        model.addAttribute("caName", outcome.certificate().ca().name());
        model.addAttribute("serialHex", outcome.certificate().serial().toString(16));
        model.addAttribute("password", new String(outcome.keyBundle().password()));
        model.addAttribute("requestId", id);
        model.addAttribute("revocationCode", outcome.revocationCode());
        oneTimePages.keep(session, "/requests/" + id + "/issue", "requests/key-issued", model.asMap());
        return "requests/key-issued";
    }

    /** The issued-key page again, in the language just chosen (its links are ?lang=… on this address). */
    @GetMapping("/requests/{id}/issue")
    String issuedAgain(@PathVariable long id, HttpSession session, Model model) {
        return oneTimePages.show(session, "/requests/" + id + "/issue", model)
                .orElseThrow(() -> new OneTimePages.Gone("/requests/" + id));
    }

    /** The server-generated PKCS#12 file, downloadable exactly once. */
    @GetMapping("/requests/{id}/pfx")
    ResponseEntity<byte[]> pfx(@PathVariable long id, HttpSession session) {
        KeyBundle bundle = pendingKeys(session).remove(id);
        if (bundle == null) {
            throw new OneTimePages.Gone("/requests/" + id);
        }
        return ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(Downloads.attachment(bundle.fileName())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("application/x-pkcs12")).body(bundle.pkcs12());
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, KeyBundle> pendingKeys(HttpSession session) {
        Object existing = session.getAttribute(PENDING_KEYS);
        if (existing == null) {
            existing = new ConcurrentHashMap<Long, KeyBundle>();
            session.setAttribute(PENDING_KEYS, existing);
        }
        return (Map<Long, KeyBundle>) existing;
    }

    private interface Step {
        void run();
    }

    private String step(long id, RedirectAttributes flash, Step step) {
        try {
            step.run();
        } catch (RegistrationException refused) {
            if ("request.unknown".equals(refused.code())) {
                throw refused;
            }
            flash.addFlashAttribute("error", refusals.of(refused));
        } catch (InvalidApplicationException invalid) {
            // A rejection reason that breaks the text rule: its field error, in the operator's language.
            String key = "error." + invalid.errors().getFirst().code();
            flash.addFlashAttribute("error", refusals.text(key));
        }
        return "redirect:/requests/" + id;
    }

    private static ApplicantForm empty(ApplicantType type) {
        return new ApplicantForm(type, "", "", "", null, "", "", IdentityDocument.Type.PASSPORT, "", "", "", "", "+998", "",
                "", "", type.organisation() ? "mas'uliyati cheklangan jamiyat" : "", "", false, "");
    }
}

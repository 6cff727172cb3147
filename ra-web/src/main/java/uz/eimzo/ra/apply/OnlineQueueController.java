package uz.eimzo.ra.apply;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.IdentityChangedException;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.OnlineApplications;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.inputs.ChecksItsOwnText;
import uz.eimzo.ra.operator.OperatorUser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The registrar's side of apply online: the centre's queue of online applications (found by reference, PINFL or
 * passport number), the typed data next to the document in hand, and the confirmation that turns the application into
 * an ordinary submitted request (REGISTERED snapshot of what the registrar confirmed; four eyes and issuance as usual).
 */
@Controller
class OnlineQueueController {

    private final OnlineApplications applications;
    private final RefusalText refusals;
    private final ApplicationMail mail;
    private final ScheduledExecutorService sweep;
    private final ApplicationMeters meters;

    OnlineQueueController(OnlineApplications applications, RefusalText refusals, ApplicationMail mail,
                          ScheduledExecutorService applicationNoticeSweep, ApplicationMeters meters) {
        this.applications = applications;
        this.refusals = refusals;
        this.mail = mail;
        this.sweep = applicationNoticeSweep;
        this.meters = meters;
    }

    @GetMapping("/online-applications")
    String queue(@AuthenticationPrincipal OperatorUser user, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("applications", applications.queue(user.actor(), q));
        model.addAttribute("q", q);
        return "apply/queue";
    }

    @GetMapping("/online-applications/{reference}")
    String review(@AuthenticationPrincipal OperatorUser user, @PathVariable String reference, Model model,
                  RedirectAttributes flash) {
        try {
            model.addAttribute("form", applications.typed(user.actor(), reference));
        } catch (RegistrationException unknown) {
            flash.addFlashAttribute("error", refusals.of(unknown));
            return "redirect:/online-applications";
        }
        return showReview(model, reference, Map.of());
    }

    @PostMapping("/online-applications/{reference}/confirm")
    @ChecksItsOwnText(ApplicantForm.class)
    String confirm(@AuthenticationPrincipal OperatorUser user, @PathVariable String reference,
                   @ModelAttribute("form") ApplicantForm form, BindingResult unparsable,
                   @RequestParam(defaultValue = "false") boolean documentsChecked,
                   @RequestParam(defaultValue = "false") boolean confirmIdentityChange, Model model,
                   RedirectAttributes flash) {
        if (!documentsChecked) {
            return showReview(model, reference, Map.of("documentsChecked", "application.documentsChecked"));
        }
        try {
            RequestView request = applications.confirm(user.actor(), reference, form, confirmIdentityChange);
            sweep.execute(mail::sendDue);
            meters.count("confirmed", "centre", "none");
            return "redirect:/requests/" + request.id();
        } catch (IdentityChangedException changed) {
            model.addAttribute("differences", changed.differences());
            return showReview(model, reference, Map.of());
        } catch (InvalidApplicationException invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach(e -> errors.putIfAbsent(e.field(), e.code()));
            return showReview(model, reference, errors);
        } catch (RegistrationException refused) {
            flash.addFlashAttribute("error", refusals.of(refused));
            return "redirect:/online-applications";
        }
    }

    private String showReview(Model model, String reference, Map<String, String> errors) {
        model.addAttribute("reference", reference.strip().toUpperCase(Locale.ROOT));
        model.addAttribute("errors", errors);
        model.addAttribute("types", ApplicantType.values());
        model.addAttribute("documentTypes", IdentityDocument.Type.values());
        return "apply/review";
    }
}

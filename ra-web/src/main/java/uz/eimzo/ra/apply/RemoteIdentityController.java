package uz.eimzo.ra.apply;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import uz.eimzo.ca.registration.RemoteIdentity;
import uz.eimzo.ra.home.OneTimePages;
import uz.eimzo.ca.refusal.Refusal;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.myid.CapturePage;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The remote identity check from the tracking page: start a MyID session and send the applicant to show their face,
 * then read the outcome when they come back. Absent unless {@code eimzo.myid.enabled}.
 */
@ConditionalOnProperty(name = "eimzo.apply.enabled", havingValue = "true", matchIfMissing = true)
@Controller
class RemoteIdentityController {

    private final ObjectProvider<RemoteIdentity> remote;
    private final ObjectProvider<CapturePage> capture;
    private final RefusalText refusals;
    private final ApplicationMail mail;
    private final ScheduledExecutorService sweep;
    private final ApplicationMeters meters;

    RemoteIdentityController(ObjectProvider<RemoteIdentity> remote, ObjectProvider<CapturePage> capture,
                             RefusalText refusals, ApplicationMail mail, ScheduledExecutorService applicationNoticeSweep,
                             ApplicationMeters meters) {
        this.remote = remote;
        this.capture = capture;
        this.refusals = refusals;
        this.mail = mail;
        this.sweep = applicationNoticeSweep;
        this.meters = meters;
    }

    @PostMapping("/apply/myid/start")
    String start(HttpSession session, HttpServletRequest request, RedirectAttributes flash) {
        ApplyController.Opened opened = opened(session);
        RemoteIdentity check = remote.getIfAvailable();
        if (check == null) {
            throw new OneTimePages.Gone("/apply/track", "apply.track.back");
        }
        try {
            String id = check.start(opened.reference(), opened.secret());
            String back = ServletUriComponentsBuilder.fromContextPath(request).path("/apply/myid/return")
                    .queryParam("session", id).toUriString();
            // A link, not a redirect: the form-action policy keeps form posts on this site.
            flash.addFlashAttribute("captureUrl", capture.getObject().url(id, back));
            return "redirect:/apply/track";
        } catch (IllegalArgumentException refused) {
            flash.addFlashAttribute("error", refusals.of(refused));
            return "redirect:/apply/track";
        }
    }

    /**
     * Where MyID sends the applicant back. The browser arrives from another site, so the (same-site only) session cookie
     * is not sent: the page answers from MyID's session id alone, without a session, and links to the tracking page.
     */
    @GetMapping("/apply/myid/return")
    String back(@RequestParam(required = false) String session, Model model) {
        RemoteIdentity check = remote.getIfAvailable();
        if (check == null) {
            throw new OneTimePages.Gone("/apply/track", "apply.track.back");
        }
        try {
            if (check.finish(session) == RemoteIdentity.Result.PENDING) {
                model.addAttribute("error", refusals.text("apply.myid.pending"));
            } else {
                model.addAttribute("confirmed", true);
                meters.count("confirmed", "myid", "none");
                sweep.execute(mail::sendDue);
            }
        } catch (IllegalArgumentException refused) {
            model.addAttribute("error", refusals.of(refused));
            if (refused instanceof Refusal refusal) {
                // The register's data differing (MyID's person, or the organisations' register) stops the application.
                boolean stopped = refusal.code().equals("myid.dataMismatch")
                        || (refusal.code().startsWith("registry.") && !refusal.code().equals("registry.unavailable"));
                meters.count(stopped ? "stopped" : "refused", "myid", refusal.code());
            }
        }
        return "apply/myid-return";
    }

    private static ApplyController.Opened opened(HttpSession session) {
        if (session.getAttribute(ApplyController.OPENED) instanceof ApplyController.Opened opened) {
            return opened;
        }
        throw new OneTimePages.Gone("/apply/track", "apply.track.back");
    }
}

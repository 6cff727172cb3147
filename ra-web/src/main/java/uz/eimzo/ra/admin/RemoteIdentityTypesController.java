package uz.eimzo.ra.admin;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.InvalidApplicationException;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.RemoteIdentityTypesStore;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.operator.OperatorUser;

import java.util.Arrays;
import java.util.List;

/**
 * Administrators choose, per centre, which applicant types may confirm their identity remotely by MyID instead of at
 * the desk (apply online). Only types MyID can vouch for are offered; each change is audited by the store.
 */
@Controller
class RemoteIdentityTypesController {

    private final RemoteIdentityTypesStore store;
    private final RefusalText refusals;

    RemoteIdentityTypesController(RemoteIdentityTypesStore store, RefusalText refusals) {
        this.store = store;
        this.refusals = refusals;
    }

    @GetMapping("/admin/remote-identity")
    String page(Model model) {
        return show(model, null, null);
    }

    @PostMapping("/admin/remote-identity/{centre}")
    String change(@AuthenticationPrincipal OperatorUser admin, @PathVariable long centre,
                  @RequestParam(required = false) List<String> types, Model model, HttpServletResponse response) {
        try {
            store.set(admin.getName(), centre, types);
            return "redirect:/admin/remote-identity";
        } catch (InvalidApplicationException invalid) {
            response.setStatus(422);
            // The field's code (remoteTypes.unknown, remoteTypes.registry) has its text under error.<code>.
            String key = "error." + invalid.errors().getFirst().code();
            return show(model, centre, refusals.text(key));
        } catch (RegistrationException unknown) {
            response.setStatus(404);
            return show(model, null, refusals.of(unknown));
        }
    }

    private String show(Model model, Long failedCentre, String error) {
        model.addAttribute("centres", store.all());
        model.addAttribute("types", ApplicantType.values());
        model.addAttribute("verifiable", Arrays.stream(ApplicantType.values())
                .filter(store::remotelyVerifiable).toList());
        model.addAttribute("failedCentre", failedCentre);
        model.addAttribute("error", error);
        return "admin/remote-identity";
    }
}

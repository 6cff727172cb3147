package uz.eimzo.ra.admin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.text.TextRules;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.security.ApiTokens;
import uz.eimzo.ra.operator.OperatorUser;

import java.time.Clock;
import java.time.Duration;

/**
 * Administrators make, list and revoke integrators' API tokens. A token acts as the operator account chosen (its
 * centre and roles); it is shown once, right after it is made, and only its hash is kept.
 */
@Controller
class ApiTokensController {

    /** Longest validity an administrator may give a token; "0" makes one that works until revoked. */
    static final int MAX_DAYS = 730;

    private final ApiTokens tokens;
    private final RefusalText refusals;
    private final Clock clock;

    ApiTokensController(ApiTokens tokens, RefusalText refusals, Clock clock) {
        this.tokens = tokens;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/admin/api-tokens")
    String list(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("accounts", tokens.accounts());
        model.addAttribute("now", clock.instant());
        return "admin/api-tokens";
    }

    @PostMapping("/admin/api-tokens")
    String create(@AuthenticationPrincipal OperatorUser admin, @RequestParam long operatorId, @RequestParam String name,
                  @RequestParam(defaultValue = "365") int days, RedirectAttributes flash) {
        String label = name.strip();
        if (label.isEmpty() || TextRules.line(label, AdministrationController.NAME_LIMIT).isPresent()
                || days < 0 || days > MAX_DAYS) {
            flash.addFlashAttribute("error", refusals.text("apiTokens.error.input"));
            return "redirect:/admin/api-tokens";
        }
        if (tokens.nameTaken(label)) {
            flash.addFlashAttribute("error", refusals.text("apiTokens.error.nameTaken"));
            return "redirect:/admin/api-tokens";
        }
        if (tokens.accounts().stream().noneMatch(a -> a.id() == operatorId)) {
            flash.addFlashAttribute("error", refusals.text("admin.error.noOperator"));
            return "redirect:/admin/api-tokens";
        }
        ApiTokens.Created created = tokens.create(admin.getName(), operatorId, label, days == 0 ? null : Duration.ofDays(days));
        flash.addFlashAttribute("newToken", created.token());
        flash.addFlashAttribute("newTokenName", created.name());
        return "redirect:/admin/api-tokens";
    }

    @PostMapping("/admin/api-tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id, RedirectAttributes flash) {
        if (!tokens.revoke(admin.getName(), id)) {
            flash.addFlashAttribute("error", refusals.text("apiTokens.error.revoke"));
        }
        return "redirect:/admin/api-tokens";
    }
}

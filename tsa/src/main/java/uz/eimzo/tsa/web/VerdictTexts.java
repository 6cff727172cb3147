package uz.eimzo.tsa.web;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import uz.eimzo.tsa.verification.Unchecked;
import uz.eimzo.tsa.verification.Verdict;

import java.util.Locale;
import java.util.function.Function;

/** The verdicts' texts, and why a status was not checked, in the relying party's language. */
@Component
class VerdictTexts {

    private final MessageSource messages;

    VerdictTexts(MessageSource messages) {
        this.messages = messages;
    }

    Function<Verdict, String> in(Locale locale) {
        return verdict -> messages.getMessage("tsa.verdict." + verdict.name(), null, verdict.text(), locale);
    }

    /** Why an external status source gave no usable answer (keys {@code tsa.status.notChecked.<name>}). */
    Function<Unchecked, String> notCheckedIn(Locale locale) {
        return reason -> messages.getMessage("tsa.status.notChecked." + reason.name(), null, reason.name(), locale);
    }
}

package uz.eimzo.tsa.web;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import uz.eimzo.tsa.verification.Verdict;

import java.util.Locale;
import java.util.function.Function;

/** The verdicts' texts in the relying party's language (message keys {@code tsa.verdict.<name>}). */
@Component
class VerdictTexts {

    private final MessageSource messages;

    VerdictTexts(MessageSource messages) {
        this.messages = messages;
    }

    Function<Verdict, String> in(Locale locale) {
        return verdict -> messages.getMessage("tsa.verdict." + verdict.name(), null, verdict.text(), locale);
    }
}

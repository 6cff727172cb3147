package uz.eimzo.tsa.web;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import uz.eimzo.tsa.verification.TokenProblem;
import uz.eimzo.tsa.verification.Unchecked;
import uz.eimzo.tsa.verification.Verdict;

import java.util.Locale;
import java.util.function.Function;

/**
 * The verdicts' texts, why a status was not checked and why a time-stamp token does not verify, in the relying party's
 * language.
 */
@Component
class VerdictTexts {

    /** Every text of a verification answer, in one language. */
    record Language(Function<Verdict, String> verdicts, Function<Unchecked, String> notChecked,
                    Function<TokenProblem.Found, String> problems) {
    }

    private final MessageSource messages;

    VerdictTexts(MessageSource messages) {
        this.messages = messages;
    }

    Function<Verdict, String> in(Locale locale) {
        return verdict -> messages.getMessage("tsa.verdict." + verdict.name(), null, verdict.text(), locale);
    }

    Language all(Locale locale) {
        return new Language(in(locale), notCheckedIn(locale), problemsIn(locale));
    }

    /**
     * Why a time-stamp token does not verify (keys {@code tsa.timeStamp.problem.<name>}); the detail is put in as it is,
     * not through MessageFormat, so a library's message with quotes or braces cannot break the text.
     */
    Function<TokenProblem.Found, String> problemsIn(Locale locale) {
        return problem -> {
            String key = "tsa.timeStamp.problem." + problem.code().name();
            String pattern = messages.getMessage(key, null, null, locale);
            return pattern == null ? problem.text() : problem.in(pattern);
        };
    }

    /** Why an external status source gave no usable answer (keys {@code tsa.status.notChecked.<name>}). */
    Function<Unchecked, String> notCheckedIn(Locale locale) {
        return reason -> messages.getMessage("tsa.status.notChecked." + reason.name(), null, reason.name(), locale);
    }
}

package uz.eimzo.ra.home;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.Refusal;

/**
 * The CA's refusals in the operator's language. The core refuses with a stable code and an English message; pages
 * show the bundle's {@code error.<code>} text, in which {@code {detail}} stands for that English message (for the
 * specifics only the core knows, such as the accepted key types). A code missing from the bundles falls back to the
 * English message; MessageBundlesInSyncTest keeps that from happening.
 */
@Component
public class RefusalText {

    private final MessageSource messages;

    RefusalText(MessageSource messages) {
        this.messages = messages;
    }

    /** What to tell the operator about this refusal. */
    public String of(RuntimeException refused) {
        if (refused instanceof Refusal refusal) {
            return text("error." + refusal.code(), refused.getMessage());
        }
        return refused.getMessage();
    }

    /** The bundle's text for {@code key}, with {@code detail} in place of {@code {detail}}. */
    public String text(String key, String detail) {
        // No arguments: the text is taken as written, without MessageFormat's quoting rules.
        String text = messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
        if (text == null) {
            return detail;
        }
        return text.replace("{detail}", detail == null ? "" : detail);
    }
}

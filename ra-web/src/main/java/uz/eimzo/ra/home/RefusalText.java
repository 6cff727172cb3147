package uz.eimzo.ra.home;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.refusal.Refusal;

/**
 * Refusals in the reader's language. The CA refuses with a stable code and an English message; pages show the
 * bundle's {@code error.<code>} text, in which {@code {detail}} stands for that English message (for the specifics
 * only the core knows, such as the accepted key types). The web layer's own refusals name their key directly.
 * MessageBundlesInSyncTest reads every code and key from the sources and fails on one missing from the bundles.
 */
@Component
public class RefusalText {

    private final MessageSource messages;

    RefusalText(MessageSource messages) {
        this.messages = messages;
    }

    /** What to tell the reader about this refusal: its code's text, or its message when it has no code. */
    public String of(RuntimeException refused) {
        if (refused instanceof Refusal refusal) {
            return text("error." + refusal.code(), refused.getMessage());
        }
        return refused.getMessage();
    }

    /** The bundle's text for {@code key}. */
    public String text(String key) {
        return text(key, "");
    }

    /** The bundle's text for {@code key}, with {@code detail} in place of {@code {detail}}. */
    public String text(String key, String detail) {
        // No arguments: the text is taken as written, without MessageFormat's quoting rules. A missing key shows
        // itself rather than failing the page.
        String text = messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
        return text.replace("{detail}", detail == null ? "" : detail);
    }
}

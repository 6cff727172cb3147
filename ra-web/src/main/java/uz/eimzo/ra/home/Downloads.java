package uz.eimzo.ra.home;

import org.springframework.http.ContentDisposition;

import java.nio.charset.StandardCharsets;

/** How every file the RA hands out is named: Spring's {@link ContentDisposition}, never a header built by hand. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * An attachment with this file name. A name that is not printable ASCII (Uzbek or Russian letters, quotes are
     * escaped either way) also goes as RFC 5987 {@code filename*=UTF-8''...}, so the header itself stays ASCII.
     */
    public static ContentDisposition attachment(String fileName) {
        boolean ascii = fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ContentDisposition.attachment().filename(fileName, ascii ? null : StandardCharsets.UTF_8).build();
    }
}

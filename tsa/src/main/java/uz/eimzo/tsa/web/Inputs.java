package uz.eimzo.tsa.web;

import jakarta.servlet.http.HttpServletRequest;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;

/** Decoding what clients send: bodies read up to a limit, base64, hex and hash names, each refused clearly. */
final class Inputs {

    private Inputs() {
    }

    /** The body, read up to one byte past {@code max}, so an over-size one costs little and is still recognised. */
    static byte[] body(HttpServletRequest request, int max) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new BadInputException("tsa.input.bodyTooLarge", max);
            }
            return body;
        }
    }

    /** Base64 (standard or URL-safe alphabet, line breaks allowed), or null when absent. */
    static byte[] base64(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String compact = value.replaceAll("\\s", "");
        try {
            return compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("tsa.input.notBase64", field);
        }
    }

    static byte[] hex(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("tsa.input.notHex", field);
        }
    }

    /** SHA-256, SHA-384, SHA-512 or UZDST1106, by name (dashes and case ignored) or OID; null when absent. */
    static ImprintAlgorithm hashAlgorithm(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return ImprintAlgorithm.named(value).orElseThrow(() -> new BadInputException("tsa.input.hashAlgorithm", value));
    }
}

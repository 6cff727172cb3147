package uz.eimzo.ca.x509;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The one PEM codec (RFC 7468), on Bouncy Castle's {@link PemReader} and {@link PemWriter}. Reading is strict where
 * it matters: exactly one block, with a label the caller expects, no headers, nothing but base64 and whitespace inside.
 * Text around the block is allowed, as RFC 7468 says; line endings may be LF or CRLF.
 */
public final class Pem {

    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    /** The label older Windows and Java tools write on PKCS#10 requests. */
    public static final String NEW_CERTIFICATE_REQUEST = "NEW CERTIFICATE REQUEST";
    public static final String CMS = "CMS";
    public static final String PKCS7 = "PKCS7";

    private static final String BEGIN = "-----BEGIN ";

    private Pem() {
    }

    /** One block, base64 in lines of 64 characters, each line ended by a newline. */
    public static String encode(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().replace("\r\n", "\n");
    }

    /** Whether the input is PEM text rather than DER: it has an encapsulation boundary. */
    public static boolean isPem(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1).contains(BEGIN);
    }

    /**
     * The DER of the single block in {@code input}.
     *
     * @param labels the labels accepted, e.g. {@link #CERTIFICATE_REQUEST}
     * @throws MalformedInputException ({@code pem.malformed}) for no block, an unterminated block, a label not in
     *                                 {@code labels}, headers, characters outside base64 or a second block
     */
    public static byte[] decode(byte[] input, Set<String> labels) {
        // ISO-8859-1 maps every byte to one character: nothing is silently replaced before the checks below.
        try (PemReader reader = new PemReader(new StringReader(new String(input, StandardCharsets.ISO_8859_1)))) {
            PemObject block = read(reader);
            if (block == null) {
                throw refused("No PEM block (-----BEGIN ...-----) was found");
            }
            if (!labels.contains(block.getType())) {
                throw refused("The PEM block is labelled " + printable(block.getType()) + ", expected "
                        + String.join(" or ", labels.stream().sorted().toList()));
            }
            if (!block.getHeaders().isEmpty()) {
                throw refused("The PEM block has headers; a " + block.getType() + " block has none");
            }
            if (read(reader) != null) {
                throw refused("The text holds more than one PEM block; exactly one " + block.getType() + " is expected");
            }
            return block.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PemObject read(PemReader reader) throws IOException {
        try {
            return reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle says "-----END X not found" (IOException) or reports base64 it cannot decode
            // (DecoderException, a RuntimeException): both mean the text is not a well-formed block.
            throw refused("The PEM block is malformed: " + printable(String.valueOf(e.getMessage())), e);
        }
    }

    private static String printable(String text) {
        String shown = text.codePoints().limit(80)
                .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + shown + "\"";
    }

    private static MalformedInputException refused(String message) {
        return new MalformedInputException("pem.malformed", message);
    }

    private static MalformedInputException refused(String message, Throwable cause) {
        return new MalformedInputException("pem.malformed", message, cause);
    }
}

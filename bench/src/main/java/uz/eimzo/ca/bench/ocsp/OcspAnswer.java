package uz.eimzo.ca.bench.ocsp;

/**
 * What the load check reads from a DER OCSPResponse without parsing all of it: the response status and, for a
 * successful one, the first single response's serial (the INTEGER's content) and certificate status. Cheap enough for
 * every answer; {@link OcspWorkload} parses one in 64 with Bouncy Castle and compares.
 *
 * @param certStatus good, revoked or unknown; null unless the response status is successful
 */
record OcspAnswer(int responseStatus, byte[] serial, String certStatus) {

    static final int SUCCESSFUL = 0;

    /** RFC 6960's names of the response statuses (4 is not used). */
    static String statusName(int status) {
        return switch (status) {
            case 0 -> "successful";
            case 1 -> "malformedRequest";
            case 2 -> "internalError";
            case 3 -> "tryLater";
            case 5 -> "sigRequired";
            case 6 -> "unauthorized";
            default -> "status " + status;
        };
    }

    /**
     * Reads {@code OCSPResponse ::= SEQUENCE { responseStatus, [0] EXPLICIT SEQUENCE { responseType, response OCTET
     * STRING (BasicOCSPResponse ::= SEQUENCE { tbsResponseData ::= SEQUENCE { [0] version OPTIONAL, responderID,
     * producedAt, responses SEQUENCE OF SingleResponse ::= SEQUENCE { certID ::= SEQUENCE { hashAlgorithm,
     * issuerNameHash, issuerKeyHash, serialNumber }, certStatus, … } … } … }) } }}.
     *
     * @throws IllegalArgumentException when the bytes are not shaped so
     */
    static OcspAnswer read(byte[] der) {
        Cursor at = new Cursor(der);
        at.enter(0x30);
        byte[] status = at.content(0x0A);
        if (status.length != 1) {
            throw new IllegalArgumentException("response status of " + status.length + " bytes");
        }
        if (status[0] != SUCCESSFUL) {
            return new OcspAnswer(status[0], null, null);
        }
        at.enter(0xA0);
        at.enter(0x30);
        at.skip();
        at.enter(0x04);
        at.enter(0x30);
        at.enter(0x30);
        if (at.peek() == 0xA0) {
            at.skip();
        }
        at.skip();
        at.skip();
        at.enter(0x30);
        at.enter(0x30);
        at.enter(0x30);
        at.skip();
        at.skip();
        at.skip();
        byte[] serial = at.content(0x02);
        String certStatus = switch (at.peek()) {
            case 0x80 -> "good";
            case 0xA1 -> "revoked";
            case 0x82 -> "unknown";
            default -> throw new IllegalArgumentException("certificate status tagged " + Integer.toHexString(at.peek()));
        };
        return new OcspAnswer(SUCCESSFUL, serial, certStatus);
    }

    /** A position in DER: into an element, over it, or its content. */
    private static final class Cursor {
        private final byte[] der;
        private int position;

        Cursor(byte[] der) {
            this.der = der;
        }

        int peek() {
            if (position >= der.length) {
                throw new IllegalArgumentException("ends early");
            }
            return der[position] & 0xFF;
        }

        /** Into the element here, which must carry {@code tag}. */
        void enter(int tag) {
            contentLength(tag);
        }

        void skip() {
            int length = contentLength(peek());
            position += length;
        }

        byte[] content(int tag) {
            int length = contentLength(tag);
            byte[] content = new byte[length];
            System.arraycopy(der, position, content, 0, length);
            position += length;
            return content;
        }

        /** Checks the tag, moves past tag and length, and returns the length. */
        private int contentLength(int tag) {
            if (peek() != tag) {
                throw new IllegalArgumentException("expected tag " + Integer.toHexString(tag) + ", found "
                        + Integer.toHexString(peek()));
            }
            position++;
            int first = peek();
            position++;
            int length = first;
            if (first > 0x80) {
                length = 0;
                for (int i = 0; i < (first & 0x7F); i++) {
                    length = (length << 8) | peek();
                    position++;
                }
            }
            if (first == 0x80 || length < 0 || position + length > der.length) {
                throw new IllegalArgumentException("length out of bounds");
            }
            return length;
        }
    }
}

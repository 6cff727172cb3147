package uz.eimzo.ca.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the drivers read from an HTTP/1.x answer's status line and headers: the status, the media type, the body's
 * length ({@code -1}: it runs to the end of the connection) and whether the connection stays open after it.
 *
 * @param length the head's bytes, the blank line included
 */
record ReplyHead(int length, int status, String contentType, long contentLength, boolean keepAlive) {

    /** The head at the start of {@code data[0, filled)}, or null while it has not all arrived. */
    static ReplyHead parse(byte[] data, int filled) throws IOException {
        int end = -1;
        for (int i = 0; i + 3 < filled; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        if (end < 12 || !startsWith(data, 0, "http/1.")) {
            throw new IOException("not an HTTP/1.x answer");
        }
        boolean http10 = data[7] == '0';
        int status = (data[9] - '0') * 100 + (data[10] - '0') * 10 + (data[11] - '0');
        String contentType = "";
        long contentLength = -1;
        boolean keepAlive = !http10;
        int line = lineEnd(data, 0, end) + 2;
        while (line < end) {
            int valueEnd = lineEnd(data, line, end);
            if (startsWith(data, line, "content-length:")) {
                try {
                    contentLength = Long.parseLong(value(data, line + 15, valueEnd));
                } catch (NumberFormatException e) {
                    throw new IOException("Content-Length '" + value(data, line + 15, valueEnd) + "'");
                }
            } else if (startsWith(data, line, "content-type:")) {
                contentType = value(data, line + 13, valueEnd);
            } else if (startsWith(data, line, "connection:")) {
                String connection = value(data, line + 11, valueEnd);
                keepAlive = http10 ? connection.equalsIgnoreCase("keep-alive") : !connection.equalsIgnoreCase("close");
            }
            line = valueEnd + 2;
        }
        if (status == 204 || status == 304) {
            contentLength = 0;
        }
        return new ReplyHead(end + 4, status, contentType, contentLength, keepAlive && contentLength >= 0);
    }

    /** True when the media type is {@code expected}, whatever parameters follow it. */
    boolean contentTypeIs(String expected) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(expected);
    }

    /** Where the line starting at {@code from} ends (its CR), the head's last line ending at {@code end}. */
    private static int lineEnd(byte[] data, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return end;
    }

    /** Case-insensitive, for lower-case ASCII {@code prefix}. */
    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (at + prefix.length() > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            int c = data[at + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] data, int from, int to) {
        return new String(data, from, Math.max(0, to - from), StandardCharsets.US_ASCII).trim();
    }
}

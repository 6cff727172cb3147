package uz.eimzo.ca.bench.load;

/** Byte-array searches the answer checks use (a nonce echoed in an answer, a serial). */
public final class Bytes {

    private Bytes() {
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package uz.eimzo.ra.sms;

/**
 * Sends a short text to an Uzbek phone number. The text may hold a one-time code: implementations never log it, and
 * their refusals never repeat it.
 */
public interface SmsSender {

    /**
     * Sends {@code text} to {@code phone}.
     *
     * @throws IllegalArgumentException when the number is not +998 and nine digits (nothing is sent)
     * @throws Failed                   when the text did not go out (the gateway refused, timed out or is unreachable)
     */
    void send(String phone, String text);

    /** The text did not go out; the message says why, never what the text was. */
    final class Failed extends RuntimeException {
        public Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** The number in the one form a gateway gets, +998 and nine digits (spaces and hyphens dropped), or refused. */
    static String uzbek(String phone) {
        String number = phone == null ? "" : phone.strip().replace(" ", "").replace("-", "");
        if (!number.matches("\\+998[0-9]{9}")) {
            throw new IllegalArgumentException("Not an Uzbek phone number (+998 and nine digits)");
        }
        return number;
    }
}

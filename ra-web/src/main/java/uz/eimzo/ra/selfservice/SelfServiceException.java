package uz.eimzo.ra.selfservice;

/** A refusal on the applicants' pages, named by a message key so it reads in the applicant's language. */
final class SelfServiceException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    SelfServiceException(String messageKey, Object... arguments) {
        super(messageKey);
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    String messageKey() {
        return messageKey;
    }

    Object[] arguments() {
        return arguments;
    }
}

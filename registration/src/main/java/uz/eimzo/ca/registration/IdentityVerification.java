package uz.eimzo.ca.registration;

import java.time.LocalDate;

/**
 * A remote identity check that compares the applicant's live face with the state register (MyID in Uzbekistan): a
 * session is created for a PINFL and birth date, the applicant shows their face to the service's SDK, and the session's
 * outcome names the person the register holds. Implementations speak to the service; {@link RemoteIdentity} decides.
 */
public interface IdentityVerification {

    /** Whom to compare: the register's person for this PINFL and birth date, at this match threshold (0.5-0.99). */
    record Request(String pinfl, LocalDate birthDate, double threshold) {
    }

    /** How a session ended, or that it has not yet. */
    enum Status { IN_PROGRESS, VERIFIED, REFUSED, EXPIRED }

    /** The person the register holds, as the service returned them after a verified comparison. */
    record Person(String surname, String givenName, String patronymic, String pinfl, LocalDate birthDate, char sex) {
    }

    /**
     * The state of a session: the service's job id (for the audit), the attempts made, its reason code for a refusal,
     * and the verified person (only when {@link Status#VERIFIED}).
     */
    record Outcome(Status status, String jobId, int attempts, String reasonCode, Person person) {
    }

    /** Creates a verification session; returns its id, which the applicant's SDK (or the simulator's page) opens. */
    String start(Request request);

    Outcome outcome(String sessionId);

    /** The service is unreachable or answered with an error: nothing is decided, the applicant may try later. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

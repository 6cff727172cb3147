package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Identity confirmed remotely instead of at the desk: the applicant passes a biometric comparison with the state
 * register ({@link IdentityVerification}, MyID), the register's person must equal the application (PINFL, birth date,
 * sex and name), and then the application becomes a submitted request of its centre, registered by the centre's
 * remote-check account, so four eyes and issuance stay as they are. A face that does not match, an expired session or
 * an unreachable service decide nothing; a person whose data differ stops the application. The service's job id and
 * result are audited; no photo ever reaches the CA.
 */
public final class RemoteIdentity {

    /** Where a finished check left the application. */
    public enum Result { PENDING, CONFIRMED }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final OnlineApplications applications;
    private final IdentityVerification verification;
    private final double threshold;
    private final boolean phoneFirst;
    private final OrganisationRegistry registry;

    /**
     * @param phoneFirst the RA texts codes (an SMS provider is on), so the phone must be confirmed like the e-mail
     * @param registry   the organisations' register, or null: then only individuals finish remotely
     */
    public RemoteIdentity(JdbcClient jdbc, AuditLog audit, OnlineApplications applications,
                          IdentityVerification verification, double threshold, boolean phoneFirst,
                          OrganisationRegistry registry) {
        this.phoneFirst = phoneFirst;
        this.registry = registry;
        this.jdbc = jdbc;
        this.audit = audit;
        this.applications = applications;
        this.verification = verification;
        this.threshold = threshold;
    }

    /** Starts a session for the application's PINFL and birth date; returns the session id the applicant's SDK opens. */
    public String start(String reference, String secret) {
        OnlineApplications.Tracked tracked = waiting(reference, secret);
        if (!tracked.emailConfirmed()) {
            throw new RegistrationException("myid.emailFirst", "Confirm the e-mail address with the code mailed to it first");
        }
        if (phoneFirst && !tracked.phoneConfirmed()) {
            throw new RegistrationException("myid.phoneFirst", "Confirm the phone number with the code texted to it first");
        }
        ApplicantForm typed = applications.typed(tracked.reference()).orElseThrow();
        if (typed.type().organisation() && typed.representative()) {
            // The register names directors; a representative's power of attorney is checked at the desk.
            throw new RegistrationException("registry.directorOnly",
                    "Only the organisation's director may finish remotely; a representative goes to the centre");
        }
        String session;
        try {
            session = verification.start(new IdentityVerification.Request(typed.pinfl(), typed.birthDate(), threshold));
        } catch (IdentityVerification.Unavailable down) {
            audit.record(AuditEvent.failure("online:" + tracked.reference(), "application.myid.start", "application:" + tracked.reference(),
                    Map.of("error", "unavailable")));
            throw new RegistrationException("myid.unavailable", "MyID cannot be reached; try again later or go to the centre");
        }
        jdbc.sql("update online_application set myid_session_id = ? where reference = ? and status = 'RECEIVED'")
                .params(session, tracked.reference()).update();
        audit.record(AuditEvent.success("online:" + tracked.reference(), "application.myid.start",
                "application:" + tracked.reference(), Map.of("session", session)));
        return session;
    }

    /**
     * Reads the outcome of a MyID session: still in progress, or the application confirmed. Refusals name their reason:
     * the face did not match, the session expired, the service is down, or the register's person differs from the
     * application (which stops it). The applicant's browser comes back from MyID on another site, without its session
     * cookie, so the session id alone finds the application: it only reads what MyID decided.
     */
    public Result finish(String session) {
        String reference = jdbc.sql("select reference from online_application where myid_session_id = ? and status = 'RECEIVED'")
                .param(session == null ? "" : session).query(String.class).optional()
                .orElseThrow(() -> new RegistrationException("myid.noSession", "No MyID check was started for this application"));
        OnlineApplications.Tracked tracked = waiting(applications.tracked(reference).orElseThrow());
        IdentityVerification.Outcome outcome;
        try {
            outcome = verification.outcome(session);
        } catch (IdentityVerification.Unavailable down) {
            throw new RegistrationException("myid.unavailable", "MyID cannot be reached; try again later or go to the centre");
        }
        String target = "application:" + tracked.reference();
        String actor = "online:" + tracked.reference();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session", session);
        details.put("job", String.valueOf(outcome.jobId()));
        details.put("attempts", String.valueOf(outcome.attempts()));
        switch (outcome.status()) {
            case IN_PROGRESS -> {
                return Result.PENDING;
            }
            case EXPIRED -> {
                endSession(tracked.reference());
                details.put("result", "expired");
                audit.record(AuditEvent.failure(actor, "application.myid", target, details));
                throw new RegistrationException("myid.expired", "The MyID session expired before the check was finished");
            }
            case REFUSED -> {
                endSession(tracked.reference());
                details.put("result", "refused");
                details.put("reason", String.valueOf(outcome.reasonCode()));
                audit.record(AuditEvent.failure(actor, "application.myid", target, details));
                throw new RegistrationException("myid.refused", "MyID did not confirm that the face matches the register");
            }
            default -> {
                // VERIFIED: below.
            }
        }
        ApplicantForm typed = applications.typed(tracked.reference()).orElseThrow();
        List<String> differences = differences(outcome.person(), typed);
        details.put("result", "verified");
        if (!differences.isEmpty()) {
            details.put("differs", String.join(",", differences));
            jdbc.sql("update online_application set status = 'STOPPED', stopped_code = 'myid.dataMismatch', myid_session_id = null where reference = ?")
                    .param(tracked.reference()).update();
            audit.record(AuditEvent.failure(actor, "application.myid", target, details));
            throw new RegistrationException("myid.dataMismatch",
                    "The register's data differ from the application (" + String.join(", ", differences) + ")");
        }
        if (typed.type().organisation()) {
            directorConfirmed(tracked.reference(), typed, outcome.person(), actor, target, details);
        }
        Actor remote = remoteActor(centreOf(tracked.reference()));
        // The register confirmed name, birth date and PINFL; a changed phone or e-mail of a returning person makes a new
        // version, audited under the remote-check account like a registrar's confirmed change.
        applications.confirmAs(remote, tracked.reference(), typed, true, "application.confirm.remote", details);
        return Result.CONFIRMED;
    }

    /**
     * An organisation's application finishes remotely only when the register names the person MyID verified as its
     * director: the register's director PINFL must equal the verified PINFL and its name the organisation's name as
     * typed. A difference stops the application (the reason code audited, never the register's data); a register that
     * cannot be asked decides nothing (the applicant tries again or goes to the centre).
     */
    private void directorConfirmed(String reference, ApplicantForm typed, IdentityVerification.Person person, String actor,
                                   String target, Map<String, String> details) {
        if (registry == null) {
            throw new RegistrationException("myid.notAllowed", "This centre confirms this kind of applicant at the desk only");
        }
        OrganisationRegistry.Organisation organisation;
        try {
            organisation = registry.find(typed.organisationStir().strip()).orElse(null);
        } catch (OrganisationRegistry.Unavailable down) {
            endSession(reference);
            details.put("registry", "unavailable");
            audit.record(AuditEvent.failure(actor, "application.registry", target, details));
            throw new RegistrationException("registry.unavailable",
                    "The organisations' register cannot be reached; try again later or go to the centre");
        }
        String stopped = organisation == null ? "registry.unknownOrganisation"
                : !same(organisation.directorPinfl(), person.pinfl()) ? "registry.notDirector"
                : !same(organisation.name(), typed.organisationName()) ? "registry.nameMismatch" : null;
        if (stopped != null) {
            details.put("registry", stopped);
            jdbc.sql("update online_application set status = 'STOPPED', stopped_code = ?, myid_session_id = null where reference = ?")
                    .params(stopped, reference).update();
            audit.record(AuditEvent.failure(actor, "application.registry", target, details));
            throw new RegistrationException(stopped, "The organisations' register does not confirm this director");
        }
        details.put("registry", "director");
    }

    private OnlineApplications.Tracked waiting(String reference, String secret) {
        return waiting(applications.track(reference, secret).orElseThrow(() ->
                new RegistrationException("application.secret", "No application with this reference and tracking secret")));
    }

    private OnlineApplications.Tracked waiting(OnlineApplications.Tracked tracked) {
        if (tracked.stage() != OnlineApplications.Stage.RECEIVED) {
            throw new RegistrationException("myid.notWaiting", "This application is no longer waiting for an identity check");
        }
        if (!tracked.remoteAllowed()) {
            throw new RegistrationException("myid.notAllowed", "This centre confirms this kind of applicant at the desk only");
        }
        return tracked;
    }

    private void endSession(String reference) {
        jdbc.sql("update online_application set myid_session_id = null where reference = ?").param(reference).update();
    }

    private long centreOf(String reference) {
        return jdbc.sql("select centre_id from online_application where reference = ?").param(reference).query(Long.class).single();
    }

    /**
     * The centre's remote-check account: a registrar nobody can sign in as (disabled, no password), so the request has a
     * registrar and the supervisor who approves it is a second pair of eyes.
     */
    Actor remoteActor(long centre) {
        String username = "myid-remote-check-" + centre;
        jdbc.sql("""
                        insert into operator (centre_id, username, full_name, roles, enabled)
                        values (?, ?, 'MyID remote identity check', array['REGISTRAR'], false) on conflict (username) do nothing""")
                .params(centre, username).update();
        long id = jdbc.sql("select id from operator where username = ?").param(username).query(Long.class).single();
        return new Actor(id, username, centre, Set.of(Actor.Role.REGISTRAR));
    }

    /** Fields in which the register's person differs from the application (names compared case-insensitively). */
    static List<String> differences(IdentityVerification.Person person, ApplicantForm typed) {
        List<String> out = new ArrayList<>();
        if (person == null) {
            out.add("person");
            return out;
        }
        if (!same(person.pinfl(), typed.pinfl())) {
            out.add("pinfl");
        }
        if (person.birthDate() == null || !person.birthDate().equals(typed.birthDate())) {
            out.add("birthDate");
        }
        if (typed.sex() == null || typed.sex().isBlank() || Character.toUpperCase(typed.sex().strip().charAt(0)) != person.sex()) {
            out.add("sex");
        }
        if (!same(person.surname(), typed.surname())) {
            out.add("surname");
        }
        if (!same(person.givenName(), typed.givenName())) {
            out.add("givenName");
        }
        if (!same(person.patronymic(), typed.patronymic())) {
            out.add("patronymic");
        }
        return out;
    }

    private static boolean same(String a, String b) {
        return comparable(a).equals(comparable(b));
    }

    /**
     * Upper case, and the marks of o‘, g‘ and the tutuq belgisi as one: people type them as ' ` ‘ ’ ʻ or ʼ, and the
     * register's spelling need not use the same one.
     */
    private static String comparable(String name) {
        return name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replaceAll("['`\u2018\u2019\u02BB\u02BC]", "'");
    }
}

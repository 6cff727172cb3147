package uz.eimzo.ca.registration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.Issuer;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.revocation.RevocationCodes;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.x509.PolicyInfo;
import uz.eimzo.ca.text.TextRules;

/**
 * The registration workflow: applicants and organisations recorded once (by PINFL, by STIR) and versioned
 * ({@link Identities}), requests moving draft -> submitted -> approved -> issued or rejected, four eyes for
 * organisations, each centre seeing only its own records. A request's identity is fixed in an insert-only snapshot
 * when it is registered, submitted and approved ({@link RequestSnapshots}); issuance signs that snapshot, never the
 * current person. Every step is audited with the operator's name.
 */
public final class Registrations {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Issuer issuer;
    private final RevocationCodes revocationCodes;
    private final ProfileCatalog profiles;
    private final PersonalDataCipher cipher;
    private final Identities identities;
    private final RequestSnapshots snapshots;
    private final IssuanceClaimStore claims;
    private final RequestStore requests;

    private final Clock clock;
    private final String issuingCa;

    public Registrations(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Issuer issuer,
                         RevocationCodes revocationCodes, ProfileCatalog profiles, PersonalDataCipher cipher, Clock clock,
                         String issuingCa) {
        this.revocationCodes = revocationCodes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.issuer = issuer;
        this.profiles = profiles;
        this.cipher = cipher;
        this.clock = clock;
        this.issuingCa = issuingCa;
        this.identities = new Identities(jdbc, audit, cipher, clock);
        this.snapshots = new RequestSnapshots(jdbc);
        this.claims = new IssuanceClaimStore(jdbc);
        this.requests = new RequestStore(jdbc);
    }

    /** {@link #register(Actor, ApplicantForm, UUID, boolean, boolean)} without confirming a changed identity. */
    public RequestView register(Actor actor, ApplicantForm form, UUID formToken, boolean submit) {
        return register(actor, form, formToken, submit, false);
    }

    /**
     * Records an application: the applicant (found again by PINFL, never duplicated), the organisation (by STIR) and
     * a request, as a draft or submitted at once, with its identity snapshot. Typed data that differ from the stored
     * person or organisation are refused ({@link IdentityChangedException}) unless {@code confirmIdentityChange}, and
     * then make a new version for this and later requests only. A replayed form token creates nothing new.
     */
    public RequestView register(Actor actor, ApplicantForm form, UUID formToken, boolean submit, boolean confirmIdentityChange) {
        return register(actor, form, formToken, submit, confirmIdentityChange, null);
    }

    /** The same with the certificate's purposes among {@link #purposes(ApplicantType)}; null: every purpose. */
    public RequestView register(Actor actor, ApplicantForm form, UUID formToken, boolean submit, boolean confirmIdentityChange,
                                List<String> purposes) {
        require(actor, Actor.Role.REGISTRAR);
        ApplicationCheck.Checked checked = Purposes.check(form, purposes, this, LocalDate.now(clock));
        String profile = profiles.defaultFor(checked.type()).name();
        try {
            long id = tx.execute(status -> {
                Identities.Resolved versions = identities.resolve(actor, checked, confirmIdentityChange);
                long applicantId = versions.applicant().id();
                Long organisationId = versions.organisation() == null ? null : versions.organisation().id();
                long requestId = jdbc.sql("""
                        insert into certificate_request (centre_id, applicant_id, organisation_id, profile, position_title,
                            status, registrar_id, applicant_type, representative, power_of_attorney, submitted_at, form_token,
                            purposes)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[]) returning id""")
                        .params(actor.centreId(), applicantId, organisationId, profile, checked.subject().position(),
                                submit ? "SUBMITTED" : "DRAFT", actor.operatorId(), checked.type().name(),
                                checked.representative(), checked.powerOfAttorney(),
                                submit ? Timestamp.from(clock.instant()) : null, formToken, Purposes.literal(purposes))
                        .query(Long.class).single();
                RequestSnapshot snapshot = snapshots.fixRegistered(actor, requestId, profile, checked, versions.applicant(),
                        versions.organisation(), identities.seal(checked.document(), checked.subject()));
                if (submit) {
                    snapshot = snapshots.fix(actor, requestId, RequestSnapshot.Stage.SUBMITTED);
                }
                audit.record(AuditEvent.success(actor.username(), "request.register", "request:" + requestId, Map.of(
                        "pinfl", checked.subject().pinfl().masked(), "type", checked.type().name(),
                        "status", submit ? "SUBMITTED" : "DRAFT", "applicantVersion",
                        String.valueOf(versions.applicant().version()), "snapshot", RequestSnapshots.hex(snapshot))));
                return requestId;
            });
            return find(actor, id);
        } catch (DuplicateKeyException replay) {
            throw new RegistrationException("request.replayed", "This form was already submitted; open the request instead");
        }
    }

    public RequestView submit(Actor actor, long requestId) {
        require(actor, Actor.Role.REGISTRAR);
        return transition(actor, requestId, "request.submit", RequestStatus.DRAFT, r -> {
            jdbc.sql("update certificate_request set status = ?, submitted_at = ?, updated_at = now() where id = ?")
                    .params(RequestStatus.SUBMITTED.name(), Timestamp.from(clock.instant()), requestId).update();
            return RequestSnapshots.hex(snapshots.fix(actor, requestId, RequestSnapshot.Stage.SUBMITTED));
        });
    }

    /** A supervisor approves a submitted request; never the operator who registered it. */
    public RequestView approve(Actor actor, long requestId) {
        require(actor, Actor.Role.SUPERVISOR);
        return transition(actor, requestId, "request.approve", RequestStatus.SUBMITTED, r -> {
            requireSecondPair(r, actor);
            jdbc.sql("update certificate_request set status = ?, approver_id = ?, decided_at = ?, updated_at = now() where id = ?")
                    .params(RequestStatus.APPROVED.name(), actor.operatorId(), Timestamp.from(clock.instant()), requestId).update();
            // What the supervisor approved: the identity submitted, with the documents attached by now.
            return RequestSnapshots.hex(snapshots.fix(actor, requestId, RequestSnapshot.Stage.APPROVED));
        });
    }

    /** A rejection reason is read by the registrar and the applicant, not a document: a few sentences. */
    static final int REJECTION_REASON_LIMIT = 1000;

    public RequestView reject(Actor actor, long requestId, String reason) {
        require(actor, Actor.Role.SUPERVISOR);
        if (reason == null || reason.isBlank()) {
            throw new RegistrationException("request.reasonRequired", "A rejection needs a reason");
        }
        TextRules.multiline(reason.strip(), REJECTION_REASON_LIMIT).ifPresent(finding -> {
            throw new InvalidApplicationException(List.of(new FieldError("reason", finding.code(), "reason: " + finding.detail())));
        });
        return transition(actor, requestId, "request.reject", RequestStatus.SUBMITTED, r -> {
            requireSecondPair(r, actor);
            requireNotBeingIssued(requestId);
            jdbc.sql("update certificate_request set status = ?, rejection_reason = ?, approver_id = ?, decided_at = ?, updated_at = now() where id = ?")
                    .params(RequestStatus.REJECTED.name(), reason.strip(), actor.operatorId(), Timestamp.from(clock.instant()), requestId).update();
            return null;
        });
    }

    /** The purposes (certificate policies) an applicant of this type may choose: those of its default profile. */
    public List<PolicyInfo> purposes(ApplicantType type) {
        return profiles.defaultFor(type).policies();
    }

    /**
     * The key options operators are offered: all of them, under either issuing CA algorithm. Under a GOST-UZ CA the
     * request page makes the applicant's key with its own GOST-UZ module (gost-uz.js), never WebCrypto's P-256; a
     * browser that cannot run it says so and sends nothing, and a P-256 request posted anyway is refused by the CA.
     */
    public List<KeyOption> keyOptions() {
        return List.of(KeyOption.values());
    }

    /** The issuing CA's key algorithm: a key made in an applicant's browser is GOST-UZ under a GOST-UZ CA. */
    public KeyAlgorithm issuingCaKeyAlgorithm() {
        return issuer.caKeyAlgorithm(issuingCa);
    }

    /**
     * Issues the certificate of an approved request (or of a submitted one that needs no approval).
     *
     * @param csr the PKCS#10 request for {@link KeyOption#CSR} and {@link KeyOption#BROWSER_KEY}; null for a server key
     */
    public IssuanceOutcome issue(Actor actor, long requestId, KeyOption option, byte[] csr) {
        if (!actor.has(Actor.Role.REGISTRAR) && !actor.has(Actor.Role.SUPERVISOR)) {
            throw new RegistrationException("forbidden", "Only registrars and supervisors issue certificates");
        }
        RequestView request = requireReady(find(actor, requestId));
        if (option != KeyOption.SERVER_KEY && (csr == null || csr.length == 0)) {
            throw new RegistrationException("csr.required", "Upload or paste the PKCS#10 request from the applicant's token");
        }
        if (option == KeyOption.SERVER_KEY && csr != null && csr.length > 0) {
            // A pasted request with the server-key option is a slip: making another key would silently drop it.
            throw new RegistrationException("csr.withServerKey",
                    "A PKCS#10 request was given with the server-key option; choose the request option or remove it");
        }
        RequestSnapshot snapshot = signable(request);
        Subject subject = snapshot.subject();
        RegistrationIds links = linksOf(snapshot);
        IssuedCertificate issued;
        KeyBundle bundle = null;
        claim(requestId);
        try {
            if (option == KeyOption.SERVER_KEY) {
                bundle = issuer.issueWithServerKey(issuingCa, snapshot.profile(), request.purposes(), subject,
                        actor.username(), links);
                issued = bundle.issued();
            } else if (option == KeyOption.BROWSER_KEY) {
                issued = issuer.issueFromBrowserKey(issuingCa, snapshot.profile(), request.purposes(), subject, csr,
                        actor.username(), links);
            } else {
                issued = issuer.issueFromCsr(issuingCa, snapshot.profile(), request.purposes(), subject, csr,
                        actor.username(), links);
            }
        } catch (RuntimeException refused) {
            release(requestId);
            throw refused;
        }
        String revocationCode = markIssued(actor.username(), requestId, option, issued, true);
        return new IssuanceOutcome(requestId, issued, bundle, revocationCode);
    }

    /**
     * The request behind a redeemed enrollment code, if it may be issued now. A standard client (CMP) has no
     * operator: the code an operator handed out stands in for one, so no centre scoping applies here.
     */
    public RequestView enrollable(long requestId) {
        RequestView request = requests.byId(requestId).orElseThrow(() -> new RegistrationException("request.unknown", "No request " + requestId));
        return requireReady(request);
    }

    /**
     * Issues an enrolled request's certificate for a key whose possession the protocol has proven. The subject and
     * profile are the RA-verified ones of the request, whatever the client asked for.
     */
    public IssuedCertificate issueEnrolled(long requestId, PublicKey key, String requester) {
        RequestView request = enrollable(requestId);
        RequestSnapshot snapshot = signable(request);
        claim(requestId);
        IssuedCertificate issued;
        try {
            issued = issuer.issue(new EndEntityRequest(issuingCa, snapshot.profile(),
                    snapshot.subject(), key, requester, linksOf(snapshot), request.purposes()));
        } catch (RuntimeException refused) {
            release(requestId);
            throw refused;
        }
        markIssued(requester, requestId, KeyOption.CSR, issued, false);
        return issued;
    }

    private RequestView requireReady(RequestView request) {
        boolean approvalNeeded = request.needsApproval(requests.centreRequiresApproval(request.centreId()));
        boolean ready = request.status() == RequestStatus.APPROVED
                || (request.status() == RequestStatus.SUBMITTED && !approvalNeeded);
        if (!ready) {
            throw new RegistrationException("request.notApproved", approvalNeeded && request.status() == RequestStatus.SUBMITTED
                    ? "This request needs a supervisor's approval before issuance"
                    : "A request in status " + request.status() + " cannot be issued");
        }
        return request;
    }

    /**
     * What a ready request's certificate certifies: its approved snapshot, or its submitted one when no approval was
     * needed, refused ({@code request.snapshotChanged}) when anything in it changed since it was fixed.
     */
    private RequestSnapshot signable(RequestView request) {
        return snapshots.forIssuance(request.id(), request.status() == RequestStatus.APPROVED
                ? RequestSnapshot.Stage.APPROVED : RequestSnapshot.Stage.SUBMITTED);
    }

    private static RegistrationIds linksOf(RequestSnapshot snapshot) {
        return new RegistrationIds(snapshot.applicantId(), snapshot.organisationId(), snapshot.requestId());
    }

    /** Claims a ready request for one issuance before anything is signed ({@link IssuanceClaimStore}). */
    private void claim(long requestId) {
        if (!claims.claim(requestId, clock.instant())) {
            throw new RegistrationException("request.busy", "This request is being issued right now, or was issued meanwhile");
        }
    }

    /** A request whose certificate is being signed cannot be rejected under it: the certificate would outlive the refusal. */
    private void requireNotBeingIssued(long requestId) {
        if (claims.claimed(requestId, clock.instant())) {
            throw new RegistrationException("request.busy", "This request is being issued right now, or was issued meanwhile");
        }
    }

    private void release(long requestId) {
        claims.release(requestId);
    }

    /**
     * Marks the request issued and audits it, in one transaction with the certificate's revocation code when one is
     * handed out (returned, else null): an issued request never lacks the code its page promises.
     */
    private String markIssued(String requester, long requestId, KeyOption option, IssuedCertificate done,
                              boolean withRevocationCode) {
        return tx.execute(status -> {
            if (!claims.markIssued(requestId, option, done.ca().id(), done.serial())) {
                throw new RegistrationException("request.changed", "The request changed while it was being issued");
            }
            audit.record(AuditEvent.success(requester, "request.issue", "request:" + requestId, Map.of(
                    "serial", done.serial().toString(16), "keyOption", option.name())));
            return withRevocationCode ? revocationCodes.assign(done.ca().id(), done.serial()) : null;
        });
    }

    /** Where a request's certificate gets the revocation code handed out with its enrollment code. */
    RevocationCodes revocationCodes() {
        return revocationCodes;
    }

    public RequestView find(Actor actor, long requestId) {
        RequestView request = requests.byId(requestId).orElseThrow(() -> new RegistrationException("request.unknown", "No request " + requestId));
        if (!actor.sees(request.centreId())) {
            // Same answer as for a missing request: another centre's records are not even confirmed to exist.
            throw new RegistrationException("request.unknown", "No request " + requestId);
        }
        return request;
    }

    /**
     * What the request certifies (or will), for the paper the applicant signs: its approved snapshot, else its submitted
     * one, else the one fixed at registration. The request must be the operator's to see.
     */
    public RequestSnapshot certifies(Actor actor, long requestId) {
        find(actor, requestId);
        for (RequestSnapshot.Stage stage : new RequestSnapshot.Stage[]{RequestSnapshot.Stage.APPROVED,
                RequestSnapshot.Stage.SUBMITTED, RequestSnapshot.Stage.REGISTERED}) {
            Optional<RequestSnapshot> snapshot = snapshots.find(requestId, stage);
            if (snapshot.isPresent()) {
                return snapshot.get();
            }
        }
        throw new RegistrationException("request.unknown", "No request " + requestId);
    }

    /** The requests an operator may see, newest first, optionally of one status. */
    public List<RequestView> list(Actor actor, Optional<RequestStatus> status, int limit) {
        return requests.list(actor.has(Actor.Role.ADMINISTRATOR), actor.centreId(), status, limit);
    }

    /** The applicant's full document number, decrypted for a page that must show it; audited. */
    public String documentNumber(Actor actor, long requestId) {
        RequestView request = find(actor, requestId);
        byte[] sealed = snapshots.sealedDocumentNumber(requestId);
        tx.executeWithoutResult(s -> audit.record(AuditEvent.success(actor.username(), "applicant.document.view",
                "request:" + requestId, Map.of())));
        return new String(cipher.decrypt(sealed, "applicant:" + request.pinfl()), StandardCharsets.UTF_8);
    }

    private interface Step {
        /** Applies the step; returns the hash of the snapshot it fixed, or null. */
        String apply(RequestView current);
    }

    private RequestView transition(Actor actor, long requestId, String action, RequestStatus from, Step step) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select id from certificate_request where id = ? for update").param(requestId).query(Long.class).optional();
            RequestView current = find(actor, requestId);
            if (current.status() != from) {
                throw new RegistrationException("request.status",
                        "The request is " + current.status() + "; this step needs it " + from);
            }
            String snapshot = step.apply(current);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("from", from.name());
            if (snapshot != null) {
                details.put("snapshot", snapshot);
            }
            audit.record(AuditEvent.success(actor.username(), action, "request:" + requestId, details));
        });
        return find(actor, requestId);
    }

    private static void requireSecondPair(RequestView request, Actor actor) {
        if (request.registrarId() == actor.operatorId()) {
            throw new RegistrationException("request.fourEyes", "A request must be decided by someone other than its registrar");
        }
    }

    private static void require(Actor actor, Actor.Role role) {
        if (!actor.has(role)) {
            throw new RegistrationException("forbidden", "This step needs the role " + role);
        }
    }
}

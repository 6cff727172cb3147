package uz.eimzo.ca.crl;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.signing.SignatureNotVerified;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CrlEncoder;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues full and delta CRLs per CA, streaming revoked entries from the database. CRL numbers are allocated
 * under a row lock on the CA, so any number of CA nodes produce one strictly increasing sequence.
 */
public final class CrlIssuer {

    private static final int FETCH_SIZE = 10_000;

    /** The statuses a CRL lists; written into the SQL so the partial index certificate_revoked serves it. */
    private static final String LISTED = CertificateStatus.sql(CertificateStatus.REVOKED, CertificateStatus.HOLD);

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate tx;
    private final TransactionTemplate separately;
    private final CaDirectory cas;
    private final CaSigner signer;
    private final AuditLog audit;
    private final SignatureAlarms alarms;
    private final CrlSchedule schedule;
    private final PublicationUrls urls;
    private final Clock clock;

    public CrlIssuer(DataSource dataSource, CaSigner signer, CrlSchedule schedule, PublicationUrls urls, Clock clock) {
        this(dataSource, signer, schedule, urls, clock, null, null);
    }

    /**
     * @param audit  the log CRL issuance is recorded in (the node's shared one, so its listeners see these events too);
     *               null for one of its own
     * @param alarms where a CRL signature that does not verify is reported; null for alarms of its own (log and audit)
     */
    public CrlIssuer(DataSource dataSource, CaSigner signer, CrlSchedule schedule, PublicationUrls urls, Clock clock,
                     AuditLog audit, SignatureAlarms alarms) {
        this.jdbc = JdbcClient.create(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        var manager = new DataSourceTransactionManager(dataSource);
        this.tx = new TransactionTemplate(manager);
        this.separately = new TransactionTemplate(manager);
        separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cas = new CaDirectory(jdbc);
        this.signer = signer;
        this.audit = audit != null ? audit : new AuditLog(jdbc, clock);
        this.alarms = alarms != null ? alarms : new SignatureAlarms(jdbc, tx, clock);
        this.schedule = schedule;
        this.urls = urls;
        this.clock = clock;
    }

    /** A full CRL: every certificate of the CA that is revoked or on hold. */
    public IssuedCrl issueFull(String caName, String actor) {
        return issue(cas.require(caName), false, actor);
    }

    /**
     * A delta CRL against the newest full CRL: every change since it, including certificates released from hold
     * (listed as removeFromCRL). Refused when the CA has no full CRL yet.
     */
    public IssuedCrl issueDelta(String caName, String actor) {
        return issue(cas.require(caName), true, actor);
    }

    /**
     * What follows a status change of one of the CA's certificates: a full CRL when one is due (the CA has none yet,
     * or the change has waited {@link CrlSchedule#fullAfterRevocation()} since the newest full CRL), otherwise a delta
     * CRL that carries it at once.
     *
     * @return what was issued, and when a full CRL falls due for the changes the newest full CRL lacks (null when
     * it lacks none): the caller makes sure something runs {@link #issueDue(String, String)} then
     */
    public AfterChange issueAfterChange(String caName, String actor) {
        CertificateAuthority ca = cas.require(caName);
        Optional<Base> base = latestFull(ca.id());
        if (base.isEmpty() || fullDue(ca, base.get(), clock.instant())) {
            return new AfterChange(issue(ca, false, actor), null);
        }
        IssuedCrl delta = issue(ca, true, actor);
        return new AfterChange(delta, pending(ca, base.get()) ? base.get().thisUpdate().plus(schedule.fullAfterRevocation()) : null);
    }

    /**
     * What {@link #issueAfterChange} issued.
     *
     * @param fullDue when a full CRL is due for changes not on the newest full CRL, or null when there are none
     */
    public record AfterChange(IssuedCrl issued, Instant fullDue) {
    }

    /**
     * One scheduled round, safe to run on every CA node (the job store runs it once, and CRL numbers stay unique
     * regardless): a full CRL for each CA whose last one is due, otherwise a delta CRL when due.
     */
    public List<IssuedCrl> issueDue(String actor) {
        Instant now = clock.instant();
        List<IssuedCrl> issued = new ArrayList<>();
        for (CertificateAuthority ca : cas.all()) {
            issueDue(ca, now, actor).ifPresent(issued::add);
        }
        return issued;
    }

    /** The scheduled round for one CA: its full CRL if due, otherwise its delta CRL if due. */
    public Optional<IssuedCrl> issueDue(String caName, String actor) {
        return issueDue(cas.require(caName), clock.instant(), actor);
    }

    private Optional<IssuedCrl> issueDue(CertificateAuthority ca, Instant now, String actor) {
        Optional<Base> base = latestFull(ca.id());
        if (base.isEmpty() || fullDue(ca, base.get(), now)) {
            return Optional.of(issue(ca, false, actor));
        }
        Instant lastFull = base.get().thisUpdate();
        // A full CRL is as fresh as a delta: the next delta is due deltaEvery after whichever came last.
        Instant last = lastIssued(ca.id(), true).filter(d -> d.isAfter(lastFull)).orElse(lastFull);
        return now.isBefore(last.plus(schedule.deltaEvery())) ? Optional.empty() : Optional.of(issue(ca, true, actor));
    }

    /**
     * A full CRL is due every fullEvery, and sooner once a status change it lacks has waited fullAfterRevocation
     * since it was issued: a burst of revocations gets one full CRL per period, and none waits longer than that.
     */
    private boolean fullDue(CertificateAuthority ca, Base base, Instant now) {
        if (!now.isBefore(base.thisUpdate().plus(schedule.fullEvery()))) {
            return true;
        }
        return !now.isBefore(base.thisUpdate().plus(schedule.fullAfterRevocation())) && pending(ca, base);
    }

    /** Whether a certificate's status changed after the full CRL was generated (what a delta CRL would list). */
    private boolean pending(CertificateAuthority ca, Base base) {
        return jdbc.sql("""
                select exists (select 1 from certificate where ca_id = ? and revision > ?
                               and (status in (%s) or released_from_hold))""".formatted(LISTED))
                .params(ca.id(), base.maxRevision()).query(Boolean.class).single();
    }

    /** What the publication URLs serve: the newest full or delta CRL of a CA. */
    public Optional<byte[]> latest(String caName, boolean delta) {
        return jdbc.sql("""
                select c.der from crl c join ca on ca.id = c.ca_id
                where ca.name = ? and (c.base_crl_number is not null) = ? order by c.crl_number desc limit 1""")
                .params(caName, delta).query(byte[].class).optional();
    }

    private record Base(BigInteger number, long maxRevision, Instant thisUpdate) {
    }

    private Optional<Base> latestFull(int caId) {
        return jdbc.sql("""
                select crl_number, max_revision, this_update from crl where ca_id = ? and base_crl_number is null
                order by crl_number desc limit 1""")
                .param(caId)
                .query((rs, row) -> new Base(rs.getBigDecimal(1).toBigIntegerExact(), rs.getLong(2),
                        rs.getTimestamp(3).toInstant())).optional();
    }

    private Optional<Instant> lastIssued(int caId, boolean delta) {
        return jdbc.sql("select max(this_update) from crl where ca_id = ? and (base_crl_number is not null) = ?")
                .params(caId, delta).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /**
     * Issues one CRL of a CA. The whole generation runs under a lock on the CA row (FOR NO KEY UPDATE, which does
     * not block certificate inserts' foreign-key checks), so CRLs of one CA are produced one at a time on any
     * number of nodes: a higher CRL number never carries older content than a lower one. The signed CRL is parsed
     * and its signature verified with the CA certificate's key before it is stored; when that fails nothing is
     * stored and the alarm is raised.
     */
    private IssuedCrl issue(CertificateAuthority ca, boolean delta, String actor) {
        try {
            return generate(ca, delta, actor);
        } catch (Unverified e) {
            throw alarms.raise(SignatureAlarms.Kind.CRL, ca.name(), Map.of("crlNumber", e.number.toString(),
                    "kind", delta ? "delta" : "full", "entries", String.valueOf(e.entries)));
        }
    }

    /** Thrown inside the transaction so that it rolls back before the alarm is raised. */
    private static final class Unverified extends RuntimeException {
        final BigInteger number;
        final int entries;

        Unverified(BigInteger number, int entries) {
            super("CRL " + number + " does not verify", null, false, false);
            this.number = number;
            this.entries = entries;
        }
    }

    private IssuedCrl generate(CertificateAuthority ca, boolean delta, String actor) {
        String signatureAlgorithm = signer.issuerKey(ca).signatureAlgorithm();
        return tx.execute(status -> {
            jdbc.sql("select id from ca where id = ? for no key update").param(ca.id()).query(Integer.class).single();
            Base base = null;
            if (delta) {
                base = latestFull(ca.id()).orElseThrow(() -> new IllegalStateException(
                        "CA " + ca.name() + " has no full CRL yet; a delta CRL needs a base"));
            }
            long maxRevision = settledRevision(ca);
            CrlEncoder encoder = new CrlEncoder(ca.certificate());
            Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            if (base == null) {
                stream(encoder, thisUpdate, """
                        select serial, status, revoked_at, revocation_reason, invalidity_date, released_from_hold
                        from certificate where ca_id = ? and status in (%s)""".formatted(LISTED), ca.id());
            } else {
                stream(encoder, thisUpdate, """
                        select serial, status, revoked_at, revocation_reason, invalidity_date, released_from_hold
                        from certificate where ca_id = ? and revision > ?
                          and (status in (%s) or released_from_hold)""".formatted(LISTED), ca.id(), base.maxRevision());
            }
            BigInteger baseNumber = base == null ? null : base.number();
            Instant nextUpdate = thisUpdate.plus(delta ? schedule.deltaValidity() : schedule.fullValidity());
            BigInteger number = jdbc.sql("select coalesce(max(crl_number), 0) + 1 from crl where ca_id = ?")
                    .param(ca.id()).query(BigDecimal.class).single().toBigIntegerExact();
            byte[] tbs = encoder.tbs(number, baseNumber, thisUpdate, nextUpdate, signatureAlgorithm,
                    urls.deltaCrl(ca.name()));
            byte[] der;
            try {
                der = signer.crl(ca, tbs);
            } catch (SignatureNotVerified e) {
                throw new Unverified(number, encoder.entries());
            }
            jdbc.sql("""
                    insert into crl (ca_id, crl_number, base_crl_number, this_update, next_update, max_revision, entries, der)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(ca.id(), new BigDecimal(number), baseNumber == null ? null : new BigDecimal(baseNumber),
                            Timestamp.from(thisUpdate), Timestamp.from(nextUpdate), maxRevision, encoder.entries(), der)
                    .update();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("crlNumber", number.toString());
            if (baseNumber != null) {
                details.put("baseCrlNumber", baseNumber.toString());
            }
            details.put("entries", String.valueOf(encoder.entries()));
            details.put("sha256", HexFormat.of().formatHex(Certificates.sha256(der)));
            audit.record(AuditEvent.success(actor, delta ? "crl.delta.issue" : "crl.full.issue", ca.name(), details));
            return new IssuedCrl(ca.name(), number, baseNumber, thisUpdate, nextUpdate, maxRevision, encoder.entries(), der);
        });
    }

    /**
     * The highest revision of the CA's certificates once every status change in flight has committed, read in a
     * transaction of its own: a SHARE lock waits for writers holding revision numbers and is released at once.
     * Afterwards no change with a lower revision can still appear, so the next delta CRL, starting above it,
     * misses nothing (it may repeat a little).
     */
    private long settledRevision(CertificateAuthority ca) {
        return separately.execute(status -> {
            jdbc.sql("lock table certificate in share mode").update();
            return jdbc.sql("select coalesce(max(revision), 0) from certificate where ca_id = ?")
                    .param(ca.id()).query(Long.class).single();
        });
    }

    private void stream(CrlEncoder encoder, Instant now, String sql, Object... parameters) {
        // Inside the caller's transaction, so the driver fetches with a cursor, FETCH_SIZE rows at a time.
        streaming.query(sql, rs -> {
            BigInteger serial = rs.getBigDecimal("serial").toBigIntegerExact();
            if (rs.getBoolean("released_from_hold")) {
                encoder.add(serial, now, CrlEncoder.REMOVE_FROM_CRL, null);
                return;
            }
            boolean hold = "HOLD".equals(rs.getString("status"));
            int reason = rs.getInt("revocation_reason");
            Integer code = hold ? Integer.valueOf(CrlEncoder.CERTIFICATE_HOLD) : rs.wasNull() ? null : reason;
            Timestamp invalidity = rs.getTimestamp("invalidity_date");
            encoder.add(serial, rs.getTimestamp("revoked_at").toInstant(), code,
                    invalidity == null ? null : invalidity.toInstant());
        }, parameters);
    }
}

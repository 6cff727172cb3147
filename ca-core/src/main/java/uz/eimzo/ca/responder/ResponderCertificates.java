package uz.eimzo.ca.responder;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.Issuer;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.Names;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Certifies the keys OCSP responders and time-stamp authorities file in table {@code responder_certificate}: the CA
 * side of delegated responder and TSA certificates ({@link Purpose}). Responders generate their keys and ask; the CA signs through the {@link Issuer}
 * pipeline (linted, recorded, audited) and writes the certificate back, then notifies channel {@value #CHANNEL}.
 */
public final class ResponderCertificates {

    /** NOTIFY channel telling responders that a certificate they asked for is ready. */
    public static final String CHANNEL = "responder_certificate";

    private final JdbcClient jdbc;
    private final CaDirectory cas;
    private final Issuer issuer;
    private final Duration validity;
    private final Duration tsaValidity;

    /** Responder and TSA certificates alike live {@code validity}. */
    public ResponderCertificates(JdbcClient jdbc, CaDirectory cas, Issuer issuer, Duration validity) {
        this(jdbc, cas, issuer, validity, validity);
    }

    /**
     * @param validity    how long a responder certificate lives; short, because its status is never checked
     * @param tsaValidity how long a TSA certificate lives; its status is checked, and rollover renews it anyway
     */
    public ResponderCertificates(JdbcClient jdbc, CaDirectory cas, Issuer issuer, Duration validity, Duration tsaValidity) {
        this.jdbc = jdbc;
        this.cas = cas;
        this.issuer = issuer;
        this.validity = validity;
        this.tsaValidity = tsaValidity;
    }

    /** One result of a round: what was asked and whether it was certified. */
    public record Outcome(long requestId, String responder, String caName, boolean issued, String detail) {
    }

    /** What a filed key is for; column {@code purpose}. */
    public enum Purpose {
        /** A delegated OCSP responder key (id-kp-OCSPSigning). */
        OCSP,
        /** A time-stamp authority key (id-kp-timeStamping). */
        TSA
    }

    private record Request(long id, int caId, String responder, Purpose purpose, byte[] csr) {
    }

    /**
     * One round, callable from a scheduler on any CA node: certifies every pending request. Each request is
     * claimed with {@code for update skip locked}, so two nodes running at once never certify the same key twice.
     */
    public List<Outcome> issuePending(String actor) {
        List<Outcome> outcomes = new ArrayList<>();
        while (true) {
            Outcome outcome = issueNext(actor);
            if (outcome == null) {
                return outcomes;
            }
            outcomes.add(outcome);
        }
    }

    private Outcome issueNext(String actor) {
        // Claim atomically and sign outside any transaction: the issuer records and audits in its own. A node that
        // dies mid-way leaves the row ISSUING, visible to operators, rather than certifying a key twice.
        Request request = jdbc.sql("""
                update responder_certificate set status = 'ISSUING'
                where id = (select id from responder_certificate where status = 'REQUESTED'
                            order by id limit 1 for update skip locked)
                returning id, ca_id, responder, purpose, csr""")
                .query((rs, row) -> new Request(rs.getLong("id"), rs.getInt("ca_id"), rs.getString("responder"),
                        Purpose.valueOf(rs.getString("purpose")), rs.getBytes("csr"))).optional().orElse(null);
        if (request == null) {
            return null;
        }
        CertificateAuthority ca = cas.byId(request.caId()).orElseThrow();
        try {
            var parsed = CertificationRequests.parse(request.csr());
            IssuedCertificate issued = switch (request.purpose()) {
                case OCSP -> issuer.delegated().ocspResponder(ca, subjectFor(ca, "OCSP", request.responder()),
                        parsed.publicKey(), validity, actor);
                case TSA -> issuer.delegated().timeStamping(ca, subjectFor(ca, "TSA", request.responder()),
                        parsed.publicKey(), tsaValidity, actor);
            };
            jdbc.sql("""
                    update responder_certificate set status = 'ISSUED', certificate = ?, serial = ?, not_after = ?,
                        issued_at = now() where id = ?""")
                    .params(Certificates.der(issued.certificate()), new BigDecimal(issued.certificate().getSerialNumber()),
                            Timestamp.from(issued.certificate().getNotAfter().toInstant()), request.id())
                    .update();
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, request.responder()).query().singleValue();
            return new Outcome(request.id(), request.responder(), ca.name(), true,
                    issued.certificate().getSerialNumber().toString(16));
        } catch (RuntimeException refused) {
            jdbc.sql("update responder_certificate set status = 'REJECTED', rejection = ? where id = ?")
                    .params(String.valueOf(refused.getMessage()), request.id()).update();
            return new Outcome(request.id(), request.responder(), ca.name(), false, refused.getMessage());
        }
    }

    static List<DnAttribute> subjectFor(CertificateAuthority ca, String purpose, String responder) {
        List<DnAttribute> subject = new ArrayList<>();
        String caCn = Names.of(ca.certificate().getSubjectX500Principal()).stream()
                .filter(a -> a.oid().equals(DnAttribute.CN)).map(DnAttribute::value).findFirst().orElse(ca.name());
        String cn = caCn + " " + purpose + " " + responder;
        subject.add(new DnAttribute(DnAttribute.CN, cn.length() > 64 ? cn.substring(0, 64) : cn));
        Names.of(ca.certificate().getSubjectX500Principal()).stream()
                .filter(a -> a.oid().equals(DnAttribute.O) || a.oid().equals(DnAttribute.C)).forEach(subject::add);
        return subject;
    }
}

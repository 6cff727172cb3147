package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import uz.eimzo.ca.x509.Certificates;

/** Scans of passports, ID cards, powers of attorney and company documents: checked, sealed, and read back audited. */
public final class DocumentScans {

    /** Largest scan accepted unless the application says otherwise: a clear page scan fits well under it. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    /** What may be attached. */
    public enum Kind { PASSPORT, ID_CARD, POWER_OF_ATTORNEY, COMPANY_DOCUMENT, OTHER }

    /** A scan as lists show it. */
    public record Scan(long id, long requestId, Kind kind, String contentType, int size, String sha256, Instant createdAt) {
    }

    /** A scan's content, for download. */
    public record Content(Scan scan, byte[] bytes) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Registrations registrations;
    private final PersonalDataCipher cipher;
    private final int maxBytes;

    public DocumentScans(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Registrations registrations,
                         PersonalDataCipher cipher) {
        this(jdbc, tx, audit, registrations, cipher, MAX_BYTES);
    }

    /** With the largest scan accepted, in bytes (the RA's {@code eimzo.ra.scans.max-file-size}). */
    public DocumentScans(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Registrations registrations,
                         PersonalDataCipher cipher, int maxBytes) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.registrations = registrations;
        this.cipher = cipher;
        this.maxBytes = maxBytes;
    }

    /** Attaches a scan after checking that its bytes are what its type says (PDF, JPEG or PNG) and its size. */
    public Scan attach(Actor actor, long requestId, Kind kind, String declaredType, byte[] bytes) {
        if (!actor.has(Actor.Role.REGISTRAR)) {
            throw new RegistrationException("forbidden", "Only registrars attach documents");
        }
        registrations.find(actor, requestId);
        if (bytes == null || bytes.length == 0) {
            throw new RegistrationException("scan.empty", "The file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new RegistrationException("scan.tooLarge", "The file is larger than " + ((maxBytes + (1 << 20) - 1) >> 20) + " MB");
        }
        String type = sniff(bytes);
        if (type == null || (declaredType != null && !declaredType.equals(type))) {
            throw new RegistrationException("scan.type", "Only PDF, JPEG and PNG scans are accepted, and the file must be what its name says");
        }
        byte[] sha = Certificates.sha256(bytes);
        return tx.execute(status -> {
            long id = jdbc.sql("""
                    insert into document_scan (request_id, kind, content_type, size_bytes, sha256, content_enc, uploaded_by)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(requestId, kind.name(), type, bytes.length, sha,
                            cipher.encrypt(bytes, "scan:" + requestId), actor.operatorId())
                    .query(Long.class).single();
            audit.record(AuditEvent.success(actor.username(), "scan.attach", "request:" + requestId,
                    Map.of("scan", String.valueOf(id), "kind", kind.name(), "sha256", HexFormat.of().formatHex(sha))));
            return list(actor, requestId).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        });
    }

    public List<Scan> list(Actor actor, long requestId) {
        registrations.find(actor, requestId);
        return jdbc.sql("select id, request_id, kind, content_type, size_bytes, sha256, created_at from document_scan where request_id = ? order by id")
                .param(requestId)
                .query((rs, n) -> new Scan(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getInt(5), HexFormat.of().formatHex(rs.getBytes(6)), rs.getTimestamp(7).toInstant()))
                .list();
    }

    public Content read(Actor actor, long requestId, long scanId) {
        Scan scan = list(actor, requestId).stream().filter(s -> s.id() == scanId).findFirst()
                .orElseThrow(() -> new RegistrationException("request.unknown", "No such document"));
        byte[] sealed = jdbc.sql("select content_enc from document_scan where id = ?").param(scanId).query(byte[].class).single();
        tx.executeWithoutResult(s -> audit.record(AuditEvent.success(actor.username(), "scan.view", "request:" + requestId,
                Map.of("scan", String.valueOf(scanId)))));
        return new Content(scan, cipher.decrypt(sealed, "scan:" + requestId));
    }

    /** The media type the bytes really are, or null for anything but PDF, JPEG and PNG. */
    /** What the bytes are: application/pdf, image/jpeg or image/png by their signature; null for anything else. */
    public static String sniff(byte[] b) {
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        return null;
    }
}

package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.profile.ApplicantType;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads requests as their pages and the workflow see them ({@link RequestView}): each with the identity of its
 * REGISTERED snapshot, its registrar and approver; and whether a centre's individuals need a supervisor's approval.
 */
final class RequestStore {

    private final JdbcClient jdbc;

    RequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RequestView> byId(long requestId) {
        return jdbc.sql(SELECT + " where r.id = ?").params(REGISTERED, requestId).query(RequestStore::map).optional();
    }

    /** Newest first: every centre's for an administrator, else one centre's; optionally of one status. */
    List<RequestView> list(boolean allCentres, long centreId, Optional<RequestStatus> status, int limit) {
        String wanted = status.map(Enum::name).orElse(null);
        return jdbc.sql(SELECT + " where (? or r.centre_id = ?) and (?::text is null or r.status = ?) order by r.id desc limit ?")
                .params(REGISTERED, allCentres, centreId, wanted, wanted, limit)
                .query(RequestStore::map).list();
    }

    boolean centreRequiresApproval(long centreId) {
        return jdbc.sql("select individuals_need_approval from service_centre where id = ?").param(centreId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The stage whose snapshot lists a request: what was registered, whatever followed. */
    private static final String REGISTERED = RequestSnapshot.Stage.REGISTERED.name();

    private static final String SELECT = """
            select r.id, r.centre_id, r.status, s.applicant_type, s.profile, s.surname, s.given_name, s.patronymic, s.pinfl,
                   s.document_masked as document_number_tail, s.organisation_name as org_name, s.organisation_stir as org_stir,
                   s.position_title, s.representative, reg.username as registrar, r.registrar_id, appr.username as approver,
                   r.rejection_reason, r.issued_ca_id, r.issued_serial, r.created_at, r.purposes
            from certificate_request r
            join request_snapshot s on s.request_id = r.id and s.stage = ?
            left join operator reg on reg.id = r.registrar_id
            left join operator appr on appr.id = r.approver_id""";

    private static RequestView map(ResultSet rs, int row) throws SQLException {
        String patronymic = rs.getString("patronymic");
        BigDecimal serial = rs.getBigDecimal("issued_serial");
        int caId = rs.getInt("issued_ca_id");
        Integer issuedCa = rs.wasNull() ? null : caId;
        return new RequestView(rs.getLong("id"), rs.getLong("centre_id"), RequestStatus.valueOf(rs.getString("status")),
                ApplicantType.valueOf(rs.getString("applicant_type")), rs.getString("profile"),
                rs.getString("surname") + " " + rs.getString("given_name") + (patronymic == null ? "" : " " + patronymic),
                rs.getString("pinfl"), rs.getString("document_number_tail"), rs.getString("org_name"), rs.getString("org_stir"),
                rs.getString("position_title"), rs.getBoolean("representative"), rs.getString("registrar"),
                rs.getLong("registrar_id"), rs.getString("approver"), rs.getString("rejection_reason"), issuedCa,
                serial == null ? null : serial.toBigIntegerExact(), rs.getTimestamp("created_at").toInstant(),
                purposes(rs.getArray("purposes")));
    }

    private static List<String> purposes(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}

package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Which online applicants are owed an e-mail: those whose application moved on (received, identity confirmed,
 * approved, issued, refused) since the last status they were told about. The status changes in many places
 * (the centre's four-eyes steps are unchanged), so a sweep compares instead of every step sending. A notice is claimed
 * before it is sent, so two nodes sweeping at once send it once; a failed send gives the claim back.
 */
public final class ApplicationNotices {

    /** One e-mail to send. */
    public record Notice(long id, String reference, String email, String phone, String language, String name,
                         OnlineApplications.Stage stage, String previous, String centreName, String rejectionReason) {
    }

    private final JdbcClient jdbc;

    public ApplicationNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String STAGE = """
            case when a.status = 'STOPPED' then 'STOPPED' when r.status is null then 'RECEIVED' when r.status in ('DRAFT', 'SUBMITTED') then 'CONFIRMED'
                 when r.status = 'REJECTED' then 'REFUSED' else r.status end""";

    public List<Notice> due(int limit) {
        return jdbc.sql("select a.id, a.reference, a.email, a.phone, a.language, a.surname || ' ' || a.given_name, " + STAGE
                        + """
                         as stage, a.notified_status, c.name, r.rejection_reason
                        from online_application a
                        join service_centre c on c.id = a.centre_id
                        left join certificate_request r on r.id = a.request_id
                        where a.notified_status is distinct from (""" + STAGE + ") order by a.id limit ?")
                .param(limit)
                .query((rs, n) -> new Notice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), OnlineApplications.Stage.valueOf(rs.getString(7)), rs.getString(8),
                        rs.getString(9), rs.getString(10)))
                .list();
    }

    /** Takes the notice for this node; false when another node took it (or the status moved on) meanwhile. */
    public boolean claim(Notice notice) {
        return jdbc.sql("update online_application set notified_status = ? where id = ? and notified_status is not distinct from ?")
                .params(notice.stage().name(), notice.id(), notice.previous()).update() == 1;
    }

    /** Gives a claimed notice back after its e-mail failed, so the next sweep tries again. */
    public void release(Notice notice) {
        jdbc.sql("update online_application set notified_status = ? where id = ? and notified_status = ?")
                .params(notice.previous(), notice.id(), notice.stage().name()).update();
    }
}

package uz.eimzo.ra.requests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.PersonalDataCipher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applications saved before they are complete: the form exactly as typed, sealed with the personal-data key, seen by
 * its centre only. A draft is not a request: nothing in it is checked until it is submitted through the usual form.
 */
@Component
public class Drafts {

    /** A saved draft as lists show it: the name typed so far (possibly empty) and when it was last saved. */
    public record Draft(long id, ApplicantType type, String name, Instant updatedAt) {
    }

    /**
     * What a draft keeps: the form as typed and the purposes ticked on it ({@code null}: the form never offered a
     * choice, so every purpose stays ticked when it is opened again).
     */
    public record Saved(ApplicantForm form, List<String> purposes) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    Drafts(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Saves the form as a new draft (no {@code id}) or over the centre's draft {@code id}; returns the draft's id. */
    public long save(Actor actor, Optional<Long> id, Saved draft) {
        ApplicantForm form = draft.form();
        ApplicantType type = form.type() == null ? ApplicantType.INDIVIDUAL : form.type();
        byte[] sealed = cipher.encrypt(JSON.writeValueAsBytes(draft), context(actor.centreId()));
        if (id.isPresent()) {
            int updated = jdbc.sql("""
                    update application_draft set form_enc = ?, applicant_type = ?, updated_at = now()
                    where id = ? and centre_id = ?""")
                    .params(sealed, type.name(), id.get(), actor.centreId()).update();
            if (updated == 1) {
                return id.get();
            }
        }
        return jdbc.sql("""
                insert into application_draft (centre_id, registrar_id, applicant_type, form_enc)
                values (?, ?, ?, ?) returning id""")
                .params(actor.centreId(), actor.operatorId(), type.name(), sealed).query(Long.class).single();
    }

    /** One of the centre's drafts; empty for a draft of another centre or one already submitted. */
    public Optional<Saved> draft(Actor actor, long id) {
        return jdbc.sql("select form_enc from application_draft where id = ? and centre_id = ?")
                .params(id, actor.centreId()).query(byte[].class).optional().map(sealed -> open(actor.centreId(), sealed));
    }

    /** The centre's drafts, last saved first. */
    public List<Draft> list(Actor actor, int limit) {
        return jdbc.sql("""
                select id, applicant_type, form_enc, updated_at from application_draft where centre_id = ?
                order by updated_at desc limit ?""")
                .params(actor.centreId(), limit)
                .query((rs, n) -> {
                    ApplicantForm form = open(actor.centreId(), rs.getBytes("form_enc")).form();
                    String name = String.join(" ", blankless(form.surname()), blankless(form.givenName())).strip();
                    return new Draft(rs.getLong("id"), ApplicantType.valueOf(rs.getString("applicant_type")), name,
                            rs.getTimestamp("updated_at").toInstant());
                }).list();
    }

    /** Removes a draft once it became a request. */
    public void delete(Actor actor, long id) {
        jdbc.sql("delete from application_draft where id = ? and centre_id = ?").params(id, actor.centreId()).update();
    }

    /** A draft as sealed; one saved before drafts kept purposes is the bare form. */
    private Saved open(long centreId, byte[] sealed) {
        String json = new String(cipher.decrypt(sealed, context(centreId)), StandardCharsets.UTF_8);
        return JSON.readTree(json).has("form") ? JSON.readValue(json, Saved.class)
                : new Saved(JSON.readValue(json, ApplicantForm.class), null);
    }

    private static String context(long centreId) {
        return "draft:" + centreId;
    }

    private static String blankless(String text) {
        return text == null ? "" : text;
    }
}

package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.profile.ApplicantType;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which applicant types of a centre may confirm their identity remotely (MyID) instead of at the desk
 * ({@code service_centre.remote_identity_types}); read by {@link RemoteIdentity} through the application's tracking
 * view, changed by an administrator, every change audited with the types before and after.
 */
public final class RemoteIdentityTypesStore {

    /** One centre and the applicant types it lets finish remotely. */
    public record CentreTypes(long id, String code, String name, Set<ApplicantType> types) {
        public CentreTypes {
            types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final boolean organisationRegistry;

    /** @param organisationRegistry the organisations' register is connected, so directors may finish remotely */
    public RemoteIdentityTypesStore(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, boolean organisationRegistry) {
        this.organisationRegistry = organisationRegistry;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * MyID vouches for a person (PINFL, name, birth date, sex) and for nothing else. An organisation's director may
     * finish remotely only where the organisations' register is connected ({@code organisationRegistry}), which names
     * the director of a STIR; a sole proprietor's own STIR would need the tax register, which is not connected.
     */
    public boolean remotelyVerifiable(ApplicantType type) {
        return type == ApplicantType.INDIVIDUAL || (organisationRegistry && type.organisation());
    }

    public List<CentreTypes> all() {
        return jdbc.sql("select id, code, name, remote_identity_types from service_centre order by code")
                .query((rs, n) -> new CentreTypes(rs.getLong(1), rs.getString(2), rs.getString(3), types(rs.getArray(4))))
                .list();
    }

    /**
     * Sets a centre's types, given by name as a form sends them. Refused, changing nothing: an unknown centre
     * ({@code centre.unknown}), a name that is no applicant type ({@link InvalidApplicationException}, field
     * {@code types}, code {@code remoteTypes.unknown}) or a type MyID cannot vouch for ({@code remoteTypes.registry}).
     */
    public void set(String admin, long centre, List<String> names) {
        List<FieldError> errors = new ArrayList<>();
        Set<ApplicantType> chosen = EnumSet.noneOf(ApplicantType.class);
        for (String name : names == null ? List.<String>of() : names) {
            Optional<ApplicantType> type = Arrays.stream(ApplicantType.values()).filter(t -> t.name().equals(name)).findFirst();
            if (type.isEmpty()) {
                errors.add(new FieldError("types", "remoteTypes.unknown", "Not an applicant type"));
            } else if (!remotelyVerifiable(type.get())) {
                errors.add(new FieldError("types", "remoteTypes.registry",
                        type.get() + " carries a STIR that MyID does not confirm; it needs a register that is not connected"));
            } else {
                chosen.add(type.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        tx.executeWithoutResult(s -> {
            CentreTypes before = jdbc.sql("select id, code, name, remote_identity_types from service_centre where id = ? for update")
                    .param(centre)
                    .query((rs, n) -> new CentreTypes(rs.getLong(1), rs.getString(2), rs.getString(3), types(rs.getArray(4))))
                    .optional()
                    .orElseThrow(() -> new RegistrationException("centre.unknown", "No such service centre"));
            jdbc.sql("update service_centre set remote_identity_types = ?::text[] where id = ?")
                    .params(literal(chosen), centre).update();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("before", String.join(",", before.types().stream().sorted().map(Enum::name).toList()));
            details.put("after", String.join(",", chosen.stream().map(Enum::name).toList()));
            audit.record(AuditEvent.success(admin, "centre.remoteIdentityTypes", "centre:" + centre, details));
        });
    }

    /** A PostgreSQL array literal of enum names (letters and underscores only, so nothing needs quoting). */
    private static String literal(Set<ApplicantType> types) {
        return "{" + String.join(",", types.stream().map(Enum::name).toList()) + "}";
    }

    private static Set<ApplicantType> types(Array array) throws SQLException {
        Set<ApplicantType> out = EnumSet.noneOf(ApplicantType.class);
        for (Object name : (Object[]) array.getArray()) {
            Arrays.stream(ApplicantType.values()).filter(t -> t.name().equals(name)).findFirst().ifPresent(out::add);
        }
        return out;
    }
}

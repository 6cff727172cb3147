package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/** Two service centres with operators of every role, and forms of each applicant type. */
final class RegistrationFixture {

    final Registrations registrations;
    final JdbcClient jdbc;
    final long centreA;
    final long centreB;
    final Actor registrarA;
    final Actor supervisorA;
    final Actor registrarSupervisorA;
    final Actor auditorA;
    final Actor registrarB;
    final Actor admin;

    RegistrationFixture(TestCa ca) {
        jdbc = ca.jdbc;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        registrations = new Registrations(jdbc, ca.transactions, ca.services.audit(), ca.services.issuer(), ca.services.revocationCodes(),
                ca.services.profiles(), new PersonalDataCipher(key), Clock.systemUTC(), TestCa.ISSUING);
        centreA = centre("TSH-01", false);
        centreB = centre("SAM-01", true);
        registrarA = operator(centreA, "registrar.a", Actor.Role.REGISTRAR);
        supervisorA = operator(centreA, "supervisor.a", Actor.Role.SUPERVISOR);
        registrarSupervisorA = operator(centreA, "both.a", Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
        auditorA = operator(centreA, "auditor.a", Actor.Role.AUDITOR);
        registrarB = operator(centreB, "registrar.b", Actor.Role.REGISTRAR);
        admin = operator(centreA, "admin", Actor.Role.ADMINISTRATOR, Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
    }

    private long centre(String code, boolean individualsNeedApproval) {
        return jdbc.sql("insert into service_centre (code, name, individuals_need_approval) values (?, ?, ?) returning id")
                .params(code, "Markaz " + code, individualsNeedApproval).query(Long.class).single();
    }

    private Actor operator(long centre, String username, Actor.Role... roles) {
        String[] names = java.util.Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
        long id = jdbc.sql("insert into operator (centre_id, username, full_name, roles) values (?, ?, ?, ?) returning id")
                .params(centre, username, username, names).query(Long.class).single();
        return new Actor(id, username, centre, Set.of(roles));
    }

    static ApplicantForm individual(String pinflDistrict) {
        String first13 = "3150390" + pinflDistrict + "045";
        return new ApplicantForm(ApplicantType.INDIVIDUAL, "Toshmatov", "Alisher", "Karimovich", LocalDate.of(1990, 3, 15),
                "M", first13 + uz.eimzo.ca.identity.Pinfl.checkDigit(first13), IdentityDocument.Type.PASSPORT, "AA1234567",
                null, "Toshkent shahri", "Yunusobod tumani", "+998 90 123 45 67", "alisher@example.uz",
                null, null, null, null, false, null);
    }

    static ApplicantForm legalEntity(String pinflDistrict, String companyStir) {
        String first13 = "4200585" + pinflDistrict + "046";
        return new ApplicantForm(ApplicantType.LEGAL_ENTITY, "Karimova", "Dilnoza", null, LocalDate.of(1985, 5, 20), "F",
                first13 + uz.eimzo.ca.identity.Pinfl.checkDigit(first13), IdentityDocument.Type.ID_CARD, "AD7654321",
                "412345678", "Toshkent shahri", "Chilonzor tumani", "+998901112233", null,
                companyStir, "Ipak Yo'li Savdo MCHJ", "mas'uliyati cheklangan jamiyat", "direktor", false, null);
    }
}

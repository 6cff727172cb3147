package uz.eimzo.ra.admin;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The administrators' page for which applicant types of a centre may confirm their identity remotely (MyID) instead
 * of at the desk: a change is stored and audited, a type MyID cannot vouch for is refused beside the field in the
 * page's language, and no other role changes anything.
 */
class RemoteIdentityTypesPageTest extends RaTestBase {

    private String types(long centre) {
        return jdbc.sql("select array_to_string(remote_identity_types, ',') from service_centre where id = ?")
                .param(centre).query(String.class).single();
    }

    private int audited(long centre) {
        return jdbc.sql("select count(*) from audit_event where action = 'centre.remoteIdentityTypes' and target = ?")
                .param("centre:" + centre).query(Integer.class).single();
    }

    @Test
    void theAdministratorSeesEachCentresRemoteTypes() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);

        String page = mvc.perform(get("/admin/remote-identity").with(Operators.as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"remote-" + centre + "-INDIVIDUAL\"");
        assertThat(page).containsPattern("id=\"remote-" + centre + "-INDIVIDUAL\"[^>]*checked");
    }

    @Test
    void theAdministratorTurnsRemoteConfirmationOffAndOnAndEachChangeIsAudited() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);

        mvc.perform(post("/admin/remote-identity/" + centre).with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(types(centre)).isEmpty();

        mvc.perform(post("/admin/remote-identity/" + centre).param("types", "INDIVIDUAL").with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(types(centre)).isEqualTo("INDIVIDUAL");
        assertThat(audited(centre)).isEqualTo(2);
        assertThat(jdbc.sql("select actor from audit_event where action = 'centre.remoteIdentityTypes' and target = ? "
                + "order by id desc limit 1").param("centre:" + centre).query(String.class).single()).isEqualTo(admin.username());
    }

    @Test
    void aTypeMyIdCannotVouchForIsRefusedBesideTheFieldInThePagesLanguageAndNothingChanges() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);

        String page = mvc.perform(post("/admin/remote-identity/" + centre).param("types", "INDIVIDUAL", "LEGAL_ENTITY")
                        .param("lang", "ru").locale(Locale.forLanguageTag("ru")).with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"remote-" + centre + "-error\"").contains("реестр");
        assertThat(types(centre)).isEqualTo("INDIVIDUAL");
        assertThat(audited(centre)).isZero();
    }

    @Test
    void anUnknownTypeIsRefusedAndNothingChanges() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);

        mvc.perform(post("/admin/remote-identity/" + centre).param("types", "ALIEN").param("lang", "en")
                        .with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is(422));

        assertThat(types(centre)).isEqualTo("INDIVIDUAL");
    }

    @Test
    void anUnknownCentreIsRefusedAndNothingIsAudited() throws Exception {
        Actor admin = operators.operator(operators.centre(false), "p", Actor.Role.ADMINISTRATOR);

        mvc.perform(post("/admin/remote-identity/987654321").param("types", "INDIVIDUAL").with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is(404));

        assertThat(audited(987654321)).isZero();
    }

    @Test
    void noOtherRoleSeesOrChangesIt() throws Exception {
        long centre = operators.centre(false);
        for (Actor.Role role : List.of(Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR, Actor.Role.AUDITOR)) {
            Actor other = operators.operator(centre, "p", role);

            mvc.perform(get("/admin/remote-identity").with(Operators.as(other))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/remote-identity/" + centre).with(Operators.as(other)).with(csrf()))
                    .andExpect(status().isForbidden());
        }

        assertThat(types(centre)).isEqualTo("INDIVIDUAL");
        assertThat(audited(centre)).isZero();
    }
}

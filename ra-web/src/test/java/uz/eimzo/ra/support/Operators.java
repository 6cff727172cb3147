package uz.eimzo.ra.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Creates centres and operators with known passwords, and signs them in for MockMvc requests. */
public final class Operators {

    private static final AtomicInteger UNIQUE = new AtomicInteger(100);

    private final JdbcClient jdbc;
    private final OperatorDirectory directory;
    private final PasswordEncoder passwords;

    public Operators(JdbcClient jdbc, OperatorDirectory directory, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.passwords = passwords;
    }

    public long centre(boolean individualsNeedApproval) {
        int n = UNIQUE.incrementAndGet();
        return jdbc.sql("insert into service_centre (code, name, individuals_need_approval) values (?, ?, ?) returning id")
                .params("C-" + n, "Markaz " + n, individualsNeedApproval).query(Long.class).single();
    }

    public Actor operator(long centre, String password, Actor.Role... roles) {
        String username = "op" + UNIQUE.incrementAndGet();
        Set<Actor.Role> set = roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles);
        long id = directory.create(centre, username, "Operator " + username, set, passwords.encode(password));
        return new Actor(id, username, centre, set);
    }

    /** A request post-processor that acts as the operator, signed in with password and TOTP. */
    public static RequestPostProcessor as(Actor actor) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new OperatorUser(actor, actor.username(), true), null,
                actor.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList()));
    }

    /** A fresh valid PINFL (male, born 15 March 1990), different on every call. */
    public static String pinfl() {
        int n = UNIQUE.incrementAndGet();
        String first13 = "3150390" + String.format("%03d", 100 + n % 900) + String.format("%03d", 1 + n / 900 % 999);
        return first13 + Pinfl.checkDigit(first13);
    }

    /** A fresh company STIR starting with 3. */
    public static String stir() {
        return "3" + String.format("%08d", UNIQUE.incrementAndGet());
    }
}

package uz.eimzo.ra.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ra.operator.OperatorAccount;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.operator.Totp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uz.eimzo.ca.text.TextRules;

/**
 * Password plus TOTP sign-in. Wrong passwords and codes count towards a lockout; the message never says
 * which of the three was wrong. An operator who has not enrolled an authenticator gets only the enrolment page.
 */
@Component
public class OperatorAuthenticationProvider implements AuthenticationProvider {

    /** Authority of a session that may only enrol its authenticator. */
    public static final String ENROLMENT = "ENROLMENT";
    private static final String WRONG = "Invalid username, password or one-time code";
    /** Usernames are at most 40 characters (AdministrationController); anything much longer is not one. */
    private static final int USERNAME_LIMIT = 64;
    private static final String UNPRINTABLE = "(unprintable username)";

    private final OperatorDirectory operators;
    private final PasswordEncoder passwords;
    private final CaServices ca;
    private final Clock clock;
    /** A real hash of a random string, matched against when the username is unknown. */
    private final String dummyHash;

    public OperatorAuthenticationProvider(OperatorDirectory operators, PasswordEncoder passwords, CaServices ca, Clock clock) {
        this.operators = operators;
        this.passwords = passwords;
        this.ca = ca;
        this.clock = clock;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String code = authentication.getDetails() instanceof CodeDetails d ? d.code() : null;
        Instant now = clock.instant();
        if (username == null || TextRules.line(username, USERNAME_LIMIT).isPresent()) {
            // No such name can exist (usernames are checked when created), and a NUL byte must not reach SQL.
            audit(UNPRINTABLE, false, "unprintable or over-long username");
            throw new BadCredentialsException(WRONG);
        }
        OperatorAccount account = operators.byUsername(username).orElse(null);
        if (account == null || account.passwordHash() == null) {
            // Spend the same time as for a real account, so timing does not reveal which usernames exist.
            passwords.matches(password, dummyHash);
            audit(username, false, "unknown operator");
            throw new BadCredentialsException(WRONG);
        }
        if (!account.enabled()) {
            audit(username, false, "disabled");
            throw new DisabledException("This account is disabled");
        }
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            audit(username, false, "locked");
            throw new LockedException("Too many failed attempts; the account is locked for a while");
        }
        if (!passwords.matches(password, account.passwordHash())) {
            fail(account, now, "wrong password");
        }
        long step = 0;
        if (account.totpConfirmed()) {
            step = Totp.verify(operators.totpSecret(account), code, now);
            if (step < 0) {
                fail(account, now, "wrong one-time code");
            }
        }
        if (!operators.recordSuccess(account.id(), step, now)) {
            // Password and code were right but the code was spent (often the one just typed to enrol): say so, so the
            // operator waits for the next one. It still counts towards the lockout.
            operators.recordFailure(account.id(), now);
            audit(account.username(), false, "one-time code replayed");
            throw new CodeAlreadyUsedException();
        }
        audit(username, true, account.totpConfirmed() ? "password+totp" : "password, enrolment pending");
        List<SimpleGrantedAuthority> authorities = account.totpConfirmed()
                ? account.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList()
                : List.of(new SimpleGrantedAuthority(ENROLMENT));
        OperatorUser user = new OperatorUser(account.actor(), account.fullName(), account.totpConfirmed());
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private void fail(OperatorAccount account, Instant now, String reason) {
        operators.recordFailure(account.id(), now);
        audit(account.username(), false, reason);
        throw new BadCredentialsException(WRONG);
    }

    private void audit(String username, boolean success, String how) {
        var event = success
                ? AuditEvent.success(username, "operator.signIn", "operator:" + username, Map.of("method", how))
                : AuditEvent.failure(username, "operator.signIn", "operator:" + username, Map.of("reason", how));
        ca.audit().recordAlone(event);
    }

    /** The right password with a code that was already used once; the page asks for the next code. */
    public static final class CodeAlreadyUsedException extends BadCredentialsException {
        CodeAlreadyUsedException() {
            super("This one-time code was already used; wait for the next one");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

}

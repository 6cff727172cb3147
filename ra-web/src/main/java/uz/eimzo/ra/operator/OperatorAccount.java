package uz.eimzo.ra.operator;

import uz.eimzo.ca.registration.Actor;

import java.time.Instant;
import java.util.Set;

/** An operator's sign-in record: never shown, never logged. */
public record OperatorAccount(long id, long centreId, String username, String fullName, Set<Actor.Role> roles,
                              String passwordHash, byte[] totpSecretSealed, boolean totpConfirmed, int failedAttempts,
                              Instant lockedUntil, boolean enabled) {

    public Actor actor() {
        return new Actor(id, username, centreId, roles);
    }
}

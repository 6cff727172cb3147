package uz.eimzo.ra.operator;

import uz.eimzo.ca.registration.Actor;

import java.io.Serializable;
import java.security.Principal;

/** The signed-in operator, as the session keeps it. */
public record OperatorUser(Actor actor, String fullName, boolean enrolled) implements Principal, Serializable {

    @Override
    public String getName() {
        return actor.username();
    }
}

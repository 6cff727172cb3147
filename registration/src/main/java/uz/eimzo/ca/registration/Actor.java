package uz.eimzo.ca.registration;

import java.util.Set;

/** Who acts in the RA: an operator (or API client) of a service centre, with roles. */
public record Actor(long operatorId, String username, long centreId, Set<Role> roles) {

    /** What an operator may do. */
    public enum Role { REGISTRAR, SUPERVISOR, AUDITOR, ADMINISTRATOR }

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Administrators see every centre; everyone else only their own. */
    public boolean sees(long centre) {
        return has(Role.ADMINISTRATOR) || centre == centreId;
    }
}

package uz.eimzo.ca.registration;

import java.util.Optional;

/**
 * The state register of organisations, asked for the organisation behind a STIR: its name and the PINFL of its
 * director. A director who applies online for their organisation may finish remotely only when this register names
 * them: MyID vouches for the person, the register for their being the organisation's director.
 */
public interface OrganisationRegistry {

    /** What the register holds about an organisation. */
    record Organisation(String stir, String name, String directorPinfl) {
    }

    /**
     * The organisation with this STIR, or empty when the register knows none.
     *
     * @throws Unavailable when the register cannot be asked now (nothing is decided on it)
     */
    Optional<Organisation> find(String stir);

    /** The register did not answer, or answered something unreadable. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}

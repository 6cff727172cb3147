package uz.eimzo.ca.registration;

import java.util.List;

/**
 * The typed person or organisation differs from the stored one (found by PINFL or STIR), and the operator has not
 * confirmed the change. Nothing was written; the differences say what the stored version holds.
 */
public class IdentityChangedException extends RegistrationException {

    /** One differing field: its form name, the stored value and the typed one (passport numbers masked in both). */
    public record Difference(String field, String stored, String typed) {
    }

    private final List<Difference> differences;

    public IdentityChangedException(List<Difference> differences) {
        super("identity.changed", "The typed data differ from the stored person or organisation in "
                + differences.stream().map(Difference::field).toList()
                + "; confirm the change to register a new version (earlier requests keep theirs)");
        this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
        return differences;
    }
}

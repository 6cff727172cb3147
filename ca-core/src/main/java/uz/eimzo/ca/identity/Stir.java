package uz.eimzo.ca.identity;

/** A taxpayer identification number (STIR, INN): 9 digits; its control-digit algorithm is not public. */
public record Stir(String value) {

    public Stir {
        if (value == null || !value.matches("[0-9]{9}")) {
            throw new InvalidIdentityException("stir.format", "STIR must be exactly 9 digits");
        }
        if (value.charAt(0) == '0') {
            throw new InvalidIdentityException("stir.format", "STIR cannot start with 0");
        }
    }

    /** First digit 2-3 is the usual range of legal entities: a heuristic to warn on, never to refuse. */
    public boolean looksLikeLegalEntity() {
        return value.charAt(0) == '2' || value.charAt(0) == '3';
    }

    @Override
    public String toString() {
        return value;
    }
}

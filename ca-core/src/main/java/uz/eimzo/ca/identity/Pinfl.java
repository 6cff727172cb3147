package uz.eimzo.ca.identity;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A personal identification number (PINFL, JShShIR): 14 digits carrying century and sex, birth date,
 * district, sequence and a check digit (weights 7,3,1 repeated, mod 10).
 */
public record Pinfl(String value) {

    private static final int[] WEIGHTS = {7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7};

    public Pinfl {
        if (value == null || !value.matches("[0-9]{14}")) {
            throw new InvalidIdentityException("pinfl.format", "PINFL must be exactly 14 digits");
        }
        int first = value.charAt(0) - '0';
        if (first < 3 || first > 6) {
            throw new InvalidIdentityException("pinfl.century", "PINFL first digit must be 3-6 (century and sex)");
        }
        if (value.startsWith("000", 7)) {
            throw new InvalidIdentityException("pinfl.district", "PINFL district code cannot be 000");
        }
        if (value.startsWith("000", 10)) {
            throw new InvalidIdentityException("pinfl.sequence", "PINFL sequence number cannot be 000");
        }
        if (checkDigit(value) != value.charAt(13) - '0') {
            throw new InvalidIdentityException("pinfl.checkDigit", "PINFL check digit is wrong");
        }
        birthDateOf(value);
    }

    /** The check digit the first 13 digits call for. */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return sum % 10;
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    /** 'M' for an odd first digit, 'F' for an even one. */
    public char sex() {
        return (value.charAt(0) - '0') % 2 == 1 ? 'M' : 'F';
    }

    /** Refuses a PINFL that does not match the birth date and sex written on the form. */
    public void requireConsistentWith(LocalDate birthDate, char sex) {
        if (!birthDate().equals(birthDate)) {
            throw new InvalidIdentityException("pinfl.birthDate", "PINFL does not match the date of birth");
        }
        if (Character.toUpperCase(sex) != sex()) {
            throw new InvalidIdentityException("pinfl.sex", "PINFL does not match the sex");
        }
    }

    private static LocalDate birthDateOf(String value) {
        int century = value.charAt(0) - '0' <= 4 ? 1900 : 2000;
        try {
            return LocalDate.of(century + Integer.parseInt(value.substring(5, 7)),
                    Integer.parseInt(value.substring(3, 5)), Integer.parseInt(value.substring(1, 3)));
        } catch (DateTimeException e) {
            throw new InvalidIdentityException("pinfl.date", "PINFL does not contain a valid date of birth");
        }
    }

    /** Masks all but the last four digits, for logs and lists. */
    public String masked() {
        return "**********" + value.substring(10);
    }

    @Override
    public String toString() {
        return value;
    }
}

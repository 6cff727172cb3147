package uz.eimzo.ca.ceremony;

import picocli.CommandLine;

import java.time.Period;
import java.time.format.DateTimeParseException;

/** Reads an ISO-8601 period such as P20Y; refuses zero, negative and unparseable ones by name. */
final class PeriodConverter implements CommandLine.ITypeConverter<Period> {
    @Override
    public Period convert(String value) {
        try {
            Period period = Period.parse(value);
            if (period.isZero() || period.isNegative()) {
                throw new CommandLine.TypeConversionException("validity must be positive: " + value);
            }
            return period;
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 period such as P20Y or P10Y6M");
        }
    }
}

package uz.eimzo.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions that a rule catches what it must on the fixtures, with the report naming the offender. */
final class Violations {

    private Violations() {
    }

    /** The report of {@code rule} on {@code classes}, asserting that there is a violation. */
    static String reported(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as("%s finds a violation", rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}

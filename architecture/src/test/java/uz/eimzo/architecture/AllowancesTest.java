package uz.eimzo.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allowances only shrink: each entry must still break the rule it is excused from (else remove it), and no list
 * may grow past the size it had when the rules were written (fix the code instead).
 */
class AllowancesTest {

    private static final JavaClasses CODE = CodeBase.mainClasses();

    /** The sizes after issue 14 was merged with the work done beside it; lower them as entries go, never raise them. */
    private static final Map<String, Integer> RECORDED_SIZES = Map.of(
            "TODAY_KEY_USERS", 0,
            "KEY_USERS_BY_DESIGN", 0,
            "TODAY_PUBLIC_CONTROLLERS", 0,
            "TODAY_BOUNCY_CASTLE", 0,
            "TODAY_SQL_OUTSIDE_STORES", 0,
            "TODAY_CYCLE_EDGES", 0,
            "TODAY_INLINE_NAMES", 0);

    @Test
    void noListGrows() {
        Map<String, Integer> sizes = Map.of(
                "TODAY_KEY_USERS", Allowances.TODAY_KEY_USERS.size(),
                "KEY_USERS_BY_DESIGN", Allowances.KEY_USERS_BY_DESIGN.size(),
                "TODAY_PUBLIC_CONTROLLERS", Allowances.TODAY_PUBLIC_CONTROLLERS.size(),
                "TODAY_BOUNCY_CASTLE", Allowances.TODAY_BOUNCY_CASTLE.size(),
                "TODAY_SQL_OUTSIDE_STORES", Allowances.TODAY_SQL_OUTSIDE_STORES.size(),
                "TODAY_CYCLE_EDGES", Allowances.TODAY_CYCLE_EDGES.size(),
                "TODAY_INLINE_NAMES", Allowances.TODAY_INLINE_NAMES.size());
        sizes.forEach((list, size) -> assertThat(size).as(list).isLessThanOrEqualTo(RECORDED_SIZES.get(list)));
    }

    @Test
    void everyKeyUserStillHandlesAKey() {
        Set<String> all = new HashSet<>(Allowances.TODAY_KEY_USERS);
        all.addAll(Allowances.KEY_USERS_BY_DESIGN.keySet());
        assertStillBreaks(all, tolerated -> List.of(Boundaries.signingKeys(tolerated)));
    }

    @Test
    void everyPublicControllerIsStillPublic() {
        assertStillBreaks(Allowances.TODAY_PUBLIC_CONTROLLERS,
                tolerated -> List.of(Boundaries.controllersNotPublic(tolerated)));
    }

    @Test
    void everyBouncyCastleUserStillUsesIt() {
        assertStillBreaks(Allowances.TODAY_BOUNCY_CASTLE, tolerated -> List.of(Boundaries.bouncyCastle(tolerated)));
    }

    @Test
    void everyClassExcusedFromTheStorageRulesStillBreaksOne() {
        assertStillBreaks(Allowances.TODAY_SQL_OUTSIDE_STORES,
                tolerated -> List.of(Boundaries.sqlInStores(tolerated), Boundaries.jdbcClientInStores(tolerated)));
    }

    @Test
    void everyToleratedEdgeStillClosesACycle() {
        for (String edge : Allowances.TODAY_CYCLE_EDGES) {
            Set<String> others = new HashSet<>(Allowances.TODAY_CYCLE_EDGES);
            others.remove(edge);
            String base = edge.substring(0, edge.lastIndexOf('.', edge.indexOf(" -> ")));
            assertThat(Boundaries.noCyclesUnder(base, others).evaluate(CODE).hasViolation())
                    .as("%s still closes a cycle; if not, remove it from TODAY_CYCLE_EDGES", edge).isTrue();
        }
    }

    @Test
    void everyFileExcusedFromTheInlineNameRuleStillHasOne() {
        Set<String> files = SourceRules.filesOf(SourceRules.inlineQualifiedNames(CodeBase.mainSources()));
        assertThat(files).as("files still writing names inline; remove the others from TODAY_INLINE_NAMES")
                .containsAll(Allowances.TODAY_INLINE_NAMES);
    }

    /** Each of {@code entries}, with no allowance, breaks at least one of the rules; all that no longer do are named. */
    private static void assertStillBreaks(Set<String> entries, Function<Set<String>, List<ArchRule>> rules) {
        List<String> stale = new ArrayList<>();
        for (String entry : entries) {
            JavaClasses itself = CODE.that(Modules.topLevelNamedAnyOf(Set.of(entry)));
            boolean breaks = !itself.isEmpty()
                    && rules.apply(Set.of()).stream().anyMatch(rule -> rule.evaluate(itself).hasViolation());
            if (!breaks) {
                stale.add(entry);
            }
        }
        assertThat(stale).as("entries that no longer break their rule (or no longer exist); remove them").isEmpty();
    }
}

package uz.eimzo.architecture;

import java.util.Map;
import java.util.Set;

/**
 * What the rules tolerate, by name. Two kinds:
 * <ul>
 *   <li><b>By design</b>: exceptions that stay, each with its reason beside it.</li>
 *   <li><b>Today</b>: offenders in code that other work of issue 14 was rewriting when the rules were written (the
 *   CA's one signing contract; one store per aggregate; the files those engineers were editing). These lists must
 *   only shrink: {@link AllowancesTest} fails when an entry no longer breaks its rule (remove it) and when a list
 *   grows past its recorded size (fix the code instead of adding to the list).</li>
 * </ul>
 */
final class Allowances {

    private Allowances() {
    }

    /** Classes outside the key packages that handle a key, and why they may. None today. */
    static final Map<String, String> KEY_USERS_BY_DESIGN = Map.of();

    /** Today: CA code that still opens or signs with a CA key itself. None since the signing module took them over. */
    static final Set<String> TODAY_KEY_USERS = Set.of();

    /** Today: public controllers. None since monitoring's public health moved its path constant out. */
    static final Set<String> TODAY_PUBLIC_CONTROLLERS = Set.of();

    /** Today: Bouncy Castle outside the encoding packages. None. */
    static final Set<String> TODAY_BOUNCY_CASTLE = Set.of();

    /** Today: classes other than stores that run SQL or hold a JdbcClient. None. */
    static final Set<String> TODAY_SQL_OUTSIDE_STORES = Set.of();

    /** Today: package dependencies that close a cycle, as {@code from -> to}. None. */
    static final Set<String> TODAY_CYCLE_EDGES = Set.of();

    /** Today: files with names written out inline. Only shrinks. */
    static final Set<String> TODAY_INLINE_NAMES = Set.of();
}

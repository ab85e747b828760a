package io.dsqlkit.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One DSQL rule. Implementations are stateless and live one per class, named after the id
 * ({@code truncate} -> {@code Truncate}) in the package of their statement family. The id is stable,
 * kebab-case, and names the doc page {@code docs/rules/<id>.md}; {@link RuleCatalog} lists them all.
 */
public interface Rule {
    String id();

    /** SQLSTATE DSQL returns, e.g. {@code 0A000}. */
    String sqlstate();

    /** One line telling the user what to do instead. */
    String help();

    default Severity severity() {
        return Severity.ERROR;
    }

    /** Profiles in which DSQL behaves as this rule says. */
    default Set<Profile> profiles() {
        return EnumSet.allOf(Profile.class);
    }

    /** The messages this rule reports (interpolated ones with a representative value); doc pages quote them. */
    default List<String> messages() {
        return List.of();
    }

    /** Former ids of this rule: a suppression comment naming one still silences it. */
    default Set<String> aliases() {
        return Set.of();
    }

    /** How we know DSQL behaves as this rule says (recorded per id in {@code evidence.tsv}). */
    default Evidence evidence() {
        return Evidence.of(id());
    }

    /** Everything above as one record (what the CLI's JSON and SARIF output and the docs show). */
    default RuleMetadata metadata() {
        return new RuleMetadata(id(), sqlstate(), help(), severity(), profiles(), evidence(), messages(), aliases());
    }
}

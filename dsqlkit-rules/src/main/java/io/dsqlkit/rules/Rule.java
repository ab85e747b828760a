package io.dsqlkit.rules;

import java.util.EnumSet;
import java.util.Set;

/**
 * One DSQL rule. Implementations are stateless and live one per class. The id is stable,
 * kebab-case, and names the doc page {@code docs/rules/<id>.md}.
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
}

package io.dsqlkit.rules;

import java.util.List;
import java.util.Set;

/**
 * What a rule is, apart from its check: the one record the catalog, the CLI's JSON and SARIF output
 * and the doc-page tests read.
 *
 * @param messages the texts it reports, as DSQL words them (interpolated ones with a representative value)
 * @param aliases  former ids that still suppress it
 */
public record RuleMetadata(String id, String sqlstate, String help, Severity severity, Set<Profile> profiles,
                           Evidence evidence, List<String> messages, Set<String> aliases) {
    public RuleMetadata {
        profiles = Set.copyOf(profiles);
        messages = List.copyOf(messages);
        aliases = Set.copyOf(aliases);
    }
}

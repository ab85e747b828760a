package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.RuleCatalog;

import java.util.List;

/** Where each rule's doc page lives, and the rules a run can report. */
final class RuleDocs {
    /**
     * SARIF wants an absolute helpUri. The pages are {@code docs/rules/<id>.md} in the repository;
     * set DSQLKIT_DOCS_BASE_URL to where that folder's parent is published.
     */
    static final String DEFAULT_BASE = "https://github.com/dsqlkit/dsqlkit/blob/main/";
    static final String INTERNAL_ERROR_ID = "internal-error";

    private RuleDocs() {}

    static String base() {
        String env = System.getenv("DSQLKIT_DOCS_BASE_URL");
        if (env == null || env.isBlank()) return DEFAULT_BASE;
        return env.endsWith("/") ? env : env + "/";
    }

    static String helpUri(String ruleId) {
        return base() + "docs/rules/" + ruleId + ".md";
    }

    /** The catalog's rules for this profile. */
    static List<Rule> rulesFor(Profile profile) {
        return RuleCatalog.forProfile(profile);
    }
}

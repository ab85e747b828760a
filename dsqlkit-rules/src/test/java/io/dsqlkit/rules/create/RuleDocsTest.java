package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every create-surface rule has docs/rules/<id>.md naming the rule and quoting every message it reports. */
class RuleDocsTest {
    static final Path DOCS = Path.of("..", "docs", "rules");

    static List<Rule> rules() {
        return CreateSurfaceRules.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void hasADocPage(Rule rule) throws IOException {
        Path page = DOCS.resolve(rule.id() + ".md");
        assertThat(page).exists();
        String md = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(md).startsWith("# " + rule.id() + "\n");
        assertThat(md).contains("## Problem", "## What DSQL says", "## Fix", "## Before", "## After", "## Profiles");
        assertThat(md).contains(rule.sqlstate());
        for (String message : ((Documented) rule).messages()) assertThat(md).contains(message);
        for (var p : rule.profiles()) assertThat(md).contains(p.id());
    }

    /** Pages whose Before example is abridged (a 257-column table does not fit on a page). */
    static final Set<String> ABRIDGED_BEFORE = Set.of("too-many-columns");

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void beforeIsFlaggedAndAfterIsNot(Rule rule) throws IOException {
        String md = Files.readString(DOCS.resolve(rule.id() + ".md"), StandardCharsets.UTF_8);
        Profile profile = rule.profiles().contains(Profile.CURRENT) ? Profile.CURRENT : rule.profiles().iterator().next();
        String before = sqlBlockAfter(md, "## Before");
        String after = sqlBlockAfter(md, "## After");
        if (!ABRIDGED_BEFORE.contains(rule.id())) {
            assertThat(Golden.lint(profile, before)).as("Before of %s", rule.id()).anyMatch(d -> d.ruleId().equals(rule.id()));
        }
        assertThat(Golden.lint(profile, after)).as("After of %s", rule.id()).noneMatch(d -> d.ruleId().equals(rule.id()));
    }

    private static String sqlBlockAfter(String md, String heading) {
        int h = md.indexOf(heading);
        int open = md.indexOf("```sql\n", h);
        int close = md.indexOf("```", open + 7);
        assertThat(h).as(heading).isNotNegative();
        assertThat(open).as("sql block after " + heading).isGreaterThan(h);
        return md.substring(open + 7, close);
    }

    @Test
    void idsAreUniqueKebabCase() {
        Set<String> seen = new HashSet<>();
        for (Rule r : rules()) {
            assertThat(r.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(seen.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(r.sqlstate()).matches("[0-9A-Z]{5}");
            assertThat(r.help()).isNotBlank();
            assertThat(r.profiles()).isNotEmpty();
        }
    }
}

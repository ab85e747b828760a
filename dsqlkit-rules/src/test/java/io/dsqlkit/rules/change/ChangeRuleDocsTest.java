package io.dsqlkit.rules.change;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.change.support.BaseRule;
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

/**
 * Every change-surface rule has docs/rules/&lt;id&gt;.md with the agreed sections, its SQLSTATE,
 * every message it reports and its profiles; the page's Before example triggers the rule and the
 * After example does not.
 */
class ChangeRuleDocsTest {
    static final Path DOCS = Path.of("..", "docs", "rules");

    static List<Rule> rules() {
        return ChangeSurfaceRules.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void hasADocPage(Rule rule) throws IOException {
        Path page = DOCS.resolve(rule.id() + ".md");
        assertThat(page).exists();
        String md = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(md).startsWith("# " + rule.id() + "\n");
        assertThat(md).contains("## Problem", "## What DSQL says", "## Fix", "## Before", "## After", "## Profiles");
        assertThat(md).contains("SQLSTATE `" + rule.sqlstate() + "`");
        assertThat(((BaseRule) rule).messages()).isNotEmpty();
        for (String message : ((BaseRule) rule).messages()) assertThat(md).contains("ERROR:  " + message);
        for (Profile p : rule.profiles()) assertThat(md).contains("`" + p.id() + "`");
        assertThat(md).contains("dsql-facts §");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void beforeIsFlaggedAndAfterIsNot(Rule rule) throws IOException {
        String md = Files.readString(DOCS.resolve(rule.id() + ".md"), StandardCharsets.UTF_8);
        Profile profile = rule.profiles().contains(Profile.CURRENT) ? Profile.CURRENT : rule.profiles().iterator().next();
        String before = sqlBlockAfter(md, "## Before");
        String after = sqlBlockAfter(md, "## After");
        assertThat(Golden.lint(profile, before)).as("Before of %s", rule.id()).anyMatch(d -> d.ruleId().equals(rule.id()));
        assertThat(Golden.lint(profile, after)).as("After of %s", rule.id()).noneMatch(d -> d.ruleId().equals(rule.id()));
        Golden.assertLexesCleanly(after);
    }

    /** Rules whose source marks the text UNVERIFIED say so on their page too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void unverifiedTextsAreMarkedOnThePage(Rule rule) throws IOException {
        String cls = rule.getClass().getName().replace('.', '/') + ".java";
        Path source = Path.of("src", "main", "java").resolve(cls);
        String java = Files.readString(source, StandardCharsets.UTF_8);
        String md = Files.readString(DOCS.resolve(rule.id() + ".md"), StandardCharsets.UTF_8);
        if (java.contains("UNVERIFIED")) assertThat(md).as("page of %s", rule.id()).contains("UNVERIFIED");
    }

    @Test
    void idsAreUniqueKebabCaseAcrossTheWholeCatalog() {
        Set<String> seen = new HashSet<>();
        for (Rule r : RuleCatalog.all()) {
            assertThat(r.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(seen.add(r.id())).as("duplicate id %s", r.id()).isTrue();
            assertThat(r.sqlstate()).matches("[0-9A-Z]{5}");
            assertThat(r.help()).isNotBlank();
            assertThat(r.profiles()).isNotEmpty();
        }
        assertThat(RuleCatalog.all()).containsAll(rules());
    }

    private static String sqlBlockAfter(String md, String heading) {
        int h = md.indexOf(heading);
        int open = md.indexOf("```sql\n", h);
        int close = md.indexOf("```", open + 7);
        assertThat(h).as(heading).isNotNegative();
        assertThat(open).as("sql block after " + heading).isGreaterThan(h);
        return md.substring(open + 7, close);
    }
}

package io.dsqlkit.rules.create;

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
        for (String message : ((SurfaceRule) rule).messages()) assertThat(md).contains(message);
        for (var p : rule.profiles()) assertThat(md).contains(p.id());
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

package io.dsqlkit.rules;

import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RuleCatalog is the only list of rules, and each rule in it is complete: a class named after its id
 * in a statement-family package, a doc page with the agreed sections quoting its SQLSTATE, every
 * message and its profiles, a Before example it flags and an After example it does not, and a row of
 * evidence shown on the page. The README and the docs index quote the catalog's size.
 */
class RuleCatalogTest {
    static final Path DOCS = Path.of("..", "docs", "rules");
    static final Path MAIN = Path.of("src", "main", "java", "io", "dsqlkit", "rules");
    static final Set<String> FAMILIES = Set.of("unsupported", "table", "alter", "index", "types", "sequence",
            "function", "session", "transaction", "script");
    /** Pages whose Before example is abridged (a 256-column table does not fit on a page). */
    static final Set<String> ABRIDGED_BEFORE = Set.of("too-many-columns");

    static List<Rule> rules() {
        return RuleCatalog.all();
    }

    @Test
    void everyRuleClassIsRegistered() throws IOException {
        Set<Class<?>> registered = RuleCatalog.all().stream().map(Object::getClass).collect(Collectors.toSet());
        List<Class<?>> ruleClasses;
        try (Stream<Path> files = Files.walk(MAIN)) {
            ruleClasses = files.filter(p -> p.toString().endsWith(".java")).map(RuleCatalogTest::load)
                    .filter(c -> Rule.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface())
                    .filter(c -> c != Linter.class && !c.getSimpleName().equals("InternalErrorRule"))
                    .collect(Collectors.toList());
        }
        assertThat(ruleClasses).hasSizeGreaterThan(50);
        assertThat(registered).containsExactlyInAnyOrderElementsOf(ruleClasses);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void classIsNamedAfterItsIdInAFamilyPackage(Rule rule) {
        String expected = Stream.of(rule.id().split("-"))
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1)).collect(Collectors.joining());
        assertThat(rule.getClass().getSimpleName()).isEqualTo(expected);
        String pkg = rule.getClass().getPackageName();
        assertThat(pkg).startsWith("io.dsqlkit.rules.");
        assertThat(FAMILIES).contains(pkg.substring("io.dsqlkit.rules.".length()));
    }

    @Test
    void idsAndAliasesAreUniqueKebabCase() {
        Set<String> seen = new HashSet<>();
        for (Rule r : RuleCatalog.all()) {
            for (String id : Stream.concat(Stream.of(r.id()), r.aliases().stream()).toList()) {
                assertThat(id).matches("[a-z0-9]+(-[a-z0-9]+)*");
                assertThat(seen.add(id)).as("duplicate id %s", id).isTrue();
            }
            assertThat(r.sqlstate()).matches("[0-9A-Z]{5}");
            assertThat(r.help()).isNotBlank();
            assertThat(r.profiles()).isNotEmpty();
            assertThat(r.messages()).as("messages of %s", r.id()).isNotEmpty();
            assertThat(RuleCatalog.byId(r.id())).containsSame(r);
            for (String alias : r.aliases()) assertThat(RuleCatalog.byId(alias)).containsSame(r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void hasACompleteDocPage(Rule rule) throws IOException {
        String md = page(rule.id());
        assertThat(md).startsWith("# " + rule.id() + "\n");
        assertThat(md).contains("## Problem", "## What DSQL says", "## Evidence", "## Fix", "## Before", "## After",
                "## Profiles");
        assertThat(md).contains("SQLSTATE `" + rule.sqlstate() + "`");
        for (String message : rule.messages()) assertThat(md).contains("ERROR:  " + message);
        for (Profile p : rule.profiles()) assertThat(md).contains("`" + p.id() + "`");
        assertThat(md).contains("-- dsqlkit-ignore " + rule.id());
        assertThat(md).as("page of %s still has scripts/new-rule.sh placeholders", rule.id()).doesNotContain("TODO");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void beforeIsFlaggedAndAfterIsNot(Rule rule) throws IOException {
        String md = page(rule.id());
        Profile profile = rule.profiles().contains(Profile.CURRENT) ? Profile.CURRENT : rule.profiles().iterator().next();
        String before = sqlBlockAfter(md, "## Before");
        String after = sqlBlockAfter(md, "## After");
        Linter linter = new Linter(profile);
        if (!ABRIDGED_BEFORE.contains(rule.id())) {
            assertThat(linter.lint(before).diagnostics()).as("Before of %s", rule.id())
                    .anyMatch(d -> d.ruleId().equals(rule.id()));
        }
        assertThat(linter.lint(after).diagnostics()).as("After of %s", rule.id())
                .noneMatch(d -> d.ruleId().equals(rule.id()));
        for (Token t : Lexer.tokenize(after)) assertThat(t.unterminated()).as("After of %s", rule.id()).isFalse();
    }

    /** The evidence is data (evidence.tsv), one row per rule, and the page shows exactly that row. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void evidenceIsRecordedAndShownOnThePage(Rule rule) throws IOException {
        assertThat(Evidence.recorded()).as("evidence.tsv row of %s", rule.id()).containsKey(rule.id());
        Evidence e = rule.evidence();
        assertThat(e.basis()).isNotBlank().doesNotContain("TODO");
        assertThat(page(rule.id())).contains("## Evidence\n\nBehaviour: **" + e.behaviour().id() + "**. Message: **"
                + e.message().id() + "**.\n\n" + e.basis() + "\n");
        assertThat(rule.metadata().evidence()).isEqualTo(e);
    }

    @Test
    void evidenceRowsNameOnlyCatalogRules() {
        Set<String> ids = RuleCatalog.all().stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(ids).containsAll(Evidence.recorded().keySet());
    }

    /** Each page is a rule's page or the stub of a former id (an alias), nothing else. */
    @Test
    void everyPageBelongsToARuleOrAnAlias() throws IOException {
        Set<String> pages;
        try (Stream<Path> files = Files.list(DOCS)) {
            pages = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).collect(Collectors.toSet());
        }
        Set<String> expected = new HashSet<>();
        for (Rule r : RuleCatalog.all()) {
            expected.add(r.id());
            expected.addAll(r.aliases());
        }
        assertThat(pages).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The README and the docs quote the catalog's size, never another number. */
    @Test
    void proseQuotesTheCatalogsRuleCount() throws IOException {
        Pattern count = Pattern.compile("(\\d+) (?:lint )?rules\\b");
        int found = 0;
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "architecture.md"),
                Path.of("..", "docs", "cli-lint.md"), Path.of("..", "docs", "mcp.md"))) {
            if (!Files.exists(doc)) continue;
            Matcher m = count.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (m.find()) {
                found++;
                assertThat(Integer.parseInt(m.group(1))).as("rule count in %s", doc).isEqualTo(RuleCatalog.size());
            }
        }
        assertThat(found).as("the README quotes the rule count").isPositive();
    }

    private static Class<?> load(Path source) {
        String rel = MAIN.relativize(source).toString().replace('\\', '/');
        String name = "io.dsqlkit.rules." + rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class for " + source, e);
        }
    }

    private static String page(String id) throws IOException {
        Path page = DOCS.resolve(id + ".md");
        assertThat(page).exists();
        return Files.readString(page, StandardCharsets.UTF_8);
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

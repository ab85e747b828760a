package io.dsqlkit.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.Severity;
import io.dsqlkit.rules.TextEdit;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The four formats over hand-built diagnostics, independent of which rules exist. */
class RenderersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TEXT = "-- setup\nTRUNCATE orders;\n\tCREATE INDEX i ON t(a);\nSELECT 'a,b:c\n";

    static Diagnostic diag(String text, String rule, Severity sev, String needle, int length, Fix fix) {
        int off = text.indexOf(needle);
        int line = 1, col = 1;
        for (int i = 0; i < off; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Diagnostic(rule, sev, "0A000", "unsupported statement: " + needle.split(" ")[0], "help for " + rule,
                off, length, line, col, fix);
    }

    static FileOutcome sample() {
        int at = TEXT.indexOf("TRUNCATE");
        List<Finding> f = new ArrayList<>();
        f.add(Finding.of(TEXT, diag(TEXT, "truncate", Severity.ERROR, "TRUNCATE orders", 15,
                Fix.of("replace TRUNCATE with DELETE FROM", new TextEdit(at, 8, "DELETE FROM")))));
        f.add(Finding.of(TEXT, diag(TEXT, "index-async", Severity.WARNING, "CREATE INDEX", 12,
                Fix.unfixable("the table name is ambiguous"))));
        f.add(Finding.of(TEXT, diag(TEXT, "unterminated-token", Severity.ERROR, "'a,b:c", 7, null)));
        return new FileOutcome(LintInput.file(Path.of("db", "001 init.sql")), TEXT, f, null, 0, false);
    }

    static FileOutcome binary() {
        return FileOutcome.failed(LintInput.file(Path.of("blob.sql")), "binary file (contains NUL bytes), skipped");
    }

    private static String render(OutputFormat format, boolean colour, FileOutcome... outcomes) {
        StringWriter sw = new StringWriter();
        Renderer r = format.renderer(new RenderContext(new PrintWriter(sw), colour, false, Profile.CURRENT, "9.9.9"));
        LintSummary s = new LintSummary();
        r.begin();
        for (FileOutcome o : outcomes) {
            s.add(o);
            r.file(o);
        }
        r.end(s);
        return sw.toString();
    }

    @Test
    void textIsCompilerStyleWithSnippetCaretHelpAndDiff() {
        String out = render(OutputFormat.TEXT, false, sample());
        String name = Path.of("db", "001 init.sql").toString();
        assertThat(out).contains(
                name + ":2:1: error[truncate]: unsupported statement: TRUNCATE (SQLSTATE 0A000)\n"
                        + "  |\n"
                        + "2 | TRUNCATE orders;\n"
                        + "  | ^^^^^^^^^^^^^^^\n"
                        + "  = help: help for truncate\n"
                        + "  = fix: replace TRUNCATE with DELETE FROM\n"
                        + "  - TRUNCATE orders;\n"
                        + "  + DELETE FROM orders;\n");
        // the tab is expanded in the snippet and the caret follows it
        assertThat(out).contains(name + ":3:2: warning[index-async]:")
                .contains("3 |     CREATE INDEX i ON t(a);\n  |     ^^^^^^^^^^^^\n")
                .contains("  = not fixable: the table name is ambiguous\n");
        assertThat(out).endsWith("3 findings (2 errors, 1 warning) in 1 file; 1 fixable with --fix\n");
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(render(OutputFormat.TEXT, true, sample())).contains("\u001b[1;31merror");
        assertThat(Ansi.wanted(true, null)).isTrue();
        assertThat(Ansi.wanted(true, "")).isTrue();
        assertThat(Ansi.wanted(true, "1")).isFalse();
        assertThat(Ansi.wanted(false, null)).isFalse();
    }

    @Test
    void jsonIsOneDocumentWithEveryField() throws Exception {
        JsonNode root = JSON.readTree(render(OutputFormat.JSON, false, sample(), binary()));
        assertThat(root.path("tool").path("version").asText()).isEqualTo("9.9.9");
        assertThat(root.path("profile").asText()).isEqualTo(Profile.CURRENT.id());
        JsonNode file = root.path("files").get(0);
        assertThat(file.path("linted").asBoolean()).isTrue();
        JsonNode d = file.path("diagnostics").get(0);
        assertThat(d.path("ruleId").asText()).isEqualTo("truncate");
        assertThat(d.path("severity").asText()).isEqualTo("error");
        assertThat(d.path("sqlstate").asText()).isEqualTo("0A000");
        assertThat(d.path("help").asText()).isEqualTo("help for truncate");
        assertThat(d.path("line").asInt()).isEqualTo(2);
        assertThat(d.path("column").asInt()).isEqualTo(1);
        assertThat(d.path("endLine").asInt()).isEqualTo(2);
        assertThat(d.path("endColumn").asInt()).isEqualTo(16);
        assertThat(d.path("offset").asInt()).isEqualTo(TEXT.indexOf("TRUNCATE"));
        assertThat(d.path("length").asInt()).isEqualTo(15);
        assertThat(d.path("fix").path("edits").get(0).path("replacement").asText()).isEqualTo("DELETE FROM");
        assertThat(d.path("fix").path("unfixableReason").isNull()).isTrue();
        // how we know: truncate's refusal and text were recorded on a real cluster
        assertThat(d.path("evidence").path("behaviour").asText()).isEqualTo("observed");
        assertThat(d.path("evidence").path("message").asText()).isEqualTo("observed");
        assertThat(d.path("evidence").path("basis").asText()).isNotBlank();
        JsonNode unfixable = file.path("diagnostics").get(1).path("fix");
        assertThat(unfixable.path("unfixableReason").asText()).isEqualTo("the table name is ambiguous");
        assertThat(file.path("diagnostics").get(2).path("fix").isNull()).isTrue();
        JsonNode skipped = root.path("files").get(1);
        assertThat(skipped.path("linted").asBoolean()).isFalse();
        assertThat(skipped.path("problem").asText()).startsWith("binary file");
        JsonNode s = root.path("summary");
        assertThat(s.path("findings").asInt()).isEqualTo(3);
        assertThat(s.path("errors").asInt()).isEqualTo(2);
        assertThat(s.path("warnings").asInt()).isEqualTo(1);
        assertThat(s.path("fixable").asInt()).isEqualTo(1);
        assertThat(s.path("notLinted").asInt()).isEqualTo(1);
        assertThat(s.path("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void sarifHasTheRequiredStructure() throws Exception {
        JsonNode root = JSON.readTree(render(OutputFormat.SARIF, false, sample(), binary()));
        assertThat(root.path("version").asText()).isEqualTo("2.1.0");
        assertThat(root.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = root.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("dsqlkit");
        assertThat(driver.path("version").asText()).isEqualTo("9.9.9");
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode r : driver.path("rules")) {
            ruleIds.add(r.path("id").asText());
            assertThat(r.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(r.path("helpUri").asText()).startsWith("https://").endsWith("docs/rules/" + r.path("id").asText() + ".md");
            assertThat(r.path("defaultConfiguration").path("level").asText()).isIn("error", "warning");
            if (!r.path("id").asText().equals("internal-error")) {
                assertThat(r.path("properties").path("evidenceBehaviour").asText()).isIn("observed", "documented", "inferred");
                assertThat(r.path("properties").path("evidenceMessage").asText()).isIn("observed", "documented", "inferred");
            }
        }
        assertThat(ruleIds).hasSize(RuleCatalog.forProfile(Profile.CURRENT).size() + 1);
        assertThat(ruleIds).contains("unterminated-token", "internal-error").doesNotHaveDuplicates();

        JsonNode results = run.path("results");
        assertThat(results).hasSize(3);
        JsonNode first = results.get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("truncate");
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.path("message").path("text").asText()).startsWith("unsupported statement: TRUNCATE (SQLSTATE 0A000)");
        JsonNode loc = first.path("locations").get(0).path("physicalLocation");
        assertThat(loc.path("artifactLocation").path("uri").asText()).isEqualTo("db/001%20init.sql");
        JsonNode region = loc.path("region");
        assertThat(region.path("startLine").asInt()).isEqualTo(2);
        assertThat(region.path("startColumn").asInt()).isEqualTo(1);
        assertThat(region.path("endLine").asInt()).isEqualTo(2);
        assertThat(region.path("endColumn").asInt()).isEqualTo(16);
        JsonNode replacement = first.path("fixes").get(0).path("artifactChanges").get(0).path("replacements").get(0);
        assertThat(replacement.path("deletedRegion").path("charLength").asInt()).isEqualTo(8);
        assertThat(replacement.path("insertedContent").path("text").asText()).isEqualTo("DELETE FROM");
        assertThat(results.get(1).path("level").asText()).isEqualTo("warning");
        assertThat(results.get(1).has("fixes")).isFalse();
        // the unterminated-token rule is known to the driver, so its result carries the index
        int idx = results.get(2).path("ruleIndex").asInt();
        assertThat(driver.path("rules").get(idx).path("id").asText()).isEqualTo("unterminated-token");

        JsonNode invocation = run.path("invocations").get(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.path("toolExecutionNotifications").get(0).path("message").path("text").asText())
                .contains("binary file");
    }

    @Test
    void githubAnnotationsEscapePropertiesAndData() {
        String out = render(OutputFormat.GITHUB, false, sample(), binary());
        String file = GithubRenderer.property(Path.of("db", "001 init.sql").toString());
        assertThat(out).contains("::error file=" + file + ",line=2,endLine=2,col=1,endColumn=16,title=truncate::"
                + "unsupported statement: TRUNCATE (SQLSTATE 0A000)%0Ahelp: help for truncate%0Afix (dsqlkit lint --fix): "
                + "replace TRUNCATE with DELETE FROM\n");
        assertThat(out).contains("::warning file=" + file + ",line=3,");
        assertThat(out).contains("::error file=blob.sql,title=dsqlkit::binary file (contains NUL bytes), skipped\n");
        assertThat(GithubRenderer.property("a,b:c%\r\n")).isEqualTo("a%2Cb%3Ac%25%0D%0A");
        assertThat(GithubRenderer.data("a,b:c%\r\n")).isEqualTo("a,b:c%25%0D%0A");
    }

    @Test
    void multiLineSpanIsUnderlinedOnItsFirstLineAndEndsWhereItEnds() {
        String text = "CREATE TABLE t (\n  id serial\n);\n";
        Diagnostic d = diag(text, "x", Severity.ERROR, "CREATE TABLE", text.indexOf(";"), null);
        Finding f = Finding.of(text, d);
        assertThat(f.endLine()).isEqualTo(3);
        assertThat(f.endColumn()).isEqualTo(2);
        String out = render(OutputFormat.TEXT, false,
                new FileOutcome(LintInput.file(Path.of("t.sql")), text, List.of(f), null, 0, false));
        assertThat(out).contains("1 | CREATE TABLE t (\n  | ^^^^^^^^^^^^^^^^\n");
    }
}

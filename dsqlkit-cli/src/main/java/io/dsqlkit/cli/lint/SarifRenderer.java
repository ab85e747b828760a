package io.dsqlkit.cli.lint;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Evidence;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.Severity;
import io.dsqlkit.rules.TextEdit;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS) for code scanning: one run whose driver lists every rule of the profile (id,
 * short description, help URI, default level), results with a physical location per finding, and
 * fixes as artifact replacements. Inputs that could not be linted become tool execution
 * notifications, and make the invocation unsuccessful. Columns are UTF-16 code units (SARIF's
 * default columnKind, and Java's string indexing).
 */
final class SarifRenderer implements Renderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final RenderContext ctx;
    private final JsonGenerator g;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final List<FileOutcome> problems = new ArrayList<>();

    SarifRenderer(RenderContext ctx) {
        this.ctx = ctx;
        this.g = JsonOutput.open(ctx.out());
    }

    @Override
    public void begin() {
        JsonRenderer.write(() -> {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "dsqlkit");
            g.writeStringField("version", ctx.version());
            g.writeStringField("semanticVersion", ctx.version().replace("-SNAPSHOT", ""));
            g.writeStringField("informationUri", RuleDocs.base());
            g.writeArrayFieldStart("rules");
            List<Rule> rules = RuleDocs.rulesFor(ctx.profile());
            for (Rule r : rules) rule(r.id(), r.help(), r.severity(), r.sqlstate(), r.evidence());
            rule(RuleDocs.INTERNAL_ERROR_ID, "a rule failed; please report it with the SQL that caused it", Severity.ERROR,
                    "XX000", null);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("columnKind", "utf16CodeUnits");
            g.writeArrayFieldStart("results");
        });
    }

    private void rule(String id, String help, Severity severity, String sqlstate, Evidence evidence) throws IOException {
        if (ruleIndex.containsKey(id)) return;
        ruleIndex.put(id, ruleIndex.size());
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", id);
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", help == null || help.isBlank() ? id : help);
        g.writeEndObject();
        g.writeStringField("helpUri", RuleDocs.helpUri(id));
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(severity));
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("sqlstate", sqlstate);
        if (evidence != null) {
            // how we know DSQL behaves so: observed on a cluster, documented by AWS, or inferred
            g.writeStringField("evidenceBehaviour", evidence.behaviour().id());
            g.writeStringField("evidenceMessage", evidence.message().id());
            g.writeStringField("evidenceBasis", evidence.basis());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    public void file(FileOutcome o) {
        if (!o.linted()) {
            problems.add(o);
            return;
        }
        String uri = uri(o.input());
        JsonRenderer.write(() -> {
            for (Finding f : o.findings()) result(uri, f);
        });
    }

    private void result(String uri, Finding f) throws IOException {
        Diagnostic d = f.diagnostic();
        g.writeStartObject();
        g.writeStringField("ruleId", d.ruleId());
        Integer idx = ruleIndex.get(d.ruleId());
        if (idx != null) g.writeNumberField("ruleIndex", idx);
        g.writeStringField("level", level(d.severity()));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", d.message() + " (SQLSTATE " + d.sqlstate() + ")"
                + (d.help() == null || d.help().isBlank() ? "" : ". Help: " + d.help()));
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        artifact(uri);
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", d.line());
        g.writeNumberField("startColumn", d.column());
        g.writeNumberField("endLine", f.endLine());
        g.writeNumberField("endColumn", f.endColumn());
        g.writeNumberField("charOffset", d.offset());
        g.writeNumberField("charLength", d.length());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        if (f.fixable()) {
            g.writeArrayFieldStart("fixes");
            g.writeStartObject();
            g.writeObjectFieldStart("description");
            g.writeStringField("text", d.fix().description());
            g.writeEndObject();
            g.writeArrayFieldStart("artifactChanges");
            g.writeStartObject();
            artifact(uri);
            g.writeArrayFieldStart("replacements");
            for (TextEdit e : d.fix().edits()) {
                g.writeStartObject();
                g.writeObjectFieldStart("deletedRegion");
                g.writeNumberField("charOffset", e.offset());
                g.writeNumberField("charLength", e.length());
                g.writeEndObject();
                g.writeObjectFieldStart("insertedContent");
                g.writeStringField("text", e.replacement());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("sqlstate", d.sqlstate());
        g.writeEndObject();
        g.writeEndObject();
    }

    private void artifact(String uri) throws IOException {
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri);
        g.writeEndObject();
    }

    @Override
    public void end(LintSummary s) {
        JsonRenderer.write(() -> {
            g.writeEndArray(); // results
            g.writeArrayFieldStart("invocations");
            g.writeStartObject();
            g.writeBooleanField("executionSuccessful", s.notLinted() == 0);
            g.writeNumberField("exitCode", s.exitCode());
            g.writeArrayFieldStart("toolExecutionNotifications");
            for (FileOutcome o : problems) {
                g.writeStartObject();
                g.writeStringField("level", "error");
                g.writeObjectFieldStart("message");
                g.writeStringField("text", o.input().name() + ": " + o.problem());
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                artifact(uri(o.input()));
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray(); // invocations
            g.writeEndObject(); // run
            g.writeEndArray(); // runs
            g.writeEndObject();
        });
        JsonOutput.finish(g, ctx.out());
    }

    private static String level(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    /** A relative path stays relative (code scanning resolves it against the checkout); absolute -> file: URI. */
    static String uri(LintInput input) {
        if (input.isStdin()) return "stdin";
        if (input.path().isAbsolute()) return input.path().toUri().toASCIIString();
        String slashed = input.path().toString().replace('\\', '/');
        // "a:b.sql" would read as a URI with scheme "a"
        int colon = slashed.indexOf(':'), slash = slashed.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) slashed = "./" + slashed;
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            return slashed;
        }
    }
}

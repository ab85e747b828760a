package io.dsqlkit.cli.lint;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Evidence;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.TextEdit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One JSON document for tools:
 * <pre>
 * {"tool":{"name":"dsqlkit","version":"..."},"profile":"2026-09","fixMode":false,
 *  "files":[{"path":"db/001.sql","linted":true,"diagnostics":[{"ruleId":"...","severity":"error",
 *    "sqlstate":"0A000","message":"...","help":"...","line":3,"column":1,"endLine":3,"endColumn":16,
 *    "offset":42,"length":15,"fix":{"description":"...","edits":[{"offset":42,"length":8,
 *    "replacement":"DELETE FROM"}],"unfixableReason":null},
 *    "evidence":{"behaviour":"observed","message":"observed","basis":"..."}}]},
 *   {"path":"x.sql","linted":false,"problem":"binary file (contains NUL bytes), skipped","diagnostics":[]}],
 *  "summary":{"files":1,"notLinted":1,"findings":1,"errors":1,"warnings":0,"fixable":1,"fixed":0,"exitCode":2}}
 * </pre>
 * Offsets and lengths count UTF-16 code units of the text (after a BOM); columns are 1-based in the
 * same units; {@code endColumn} is the column just after the span. {@code evidence} says how we know
 * DSQL behaves so (observed on a cluster, documented by AWS, or inferred); it is null for a finding
 * that no rule of the catalog made (an internal error).
 */
final class JsonRenderer implements Renderer {
    private final RenderContext ctx;
    private final JsonGenerator g;

    JsonRenderer(RenderContext ctx) {
        this.ctx = ctx;
        this.g = JsonOutput.open(ctx.out());
    }

    @Override
    public void begin() {
        write(() -> {
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "dsqlkit");
            g.writeStringField("version", ctx.version());
            g.writeEndObject();
            g.writeStringField("profile", ctx.profile().id());
            g.writeBooleanField("fixMode", ctx.fixMode());
            g.writeArrayFieldStart("files");
        });
    }

    @Override
    public void file(FileOutcome o) {
        write(() -> {
            g.writeStartObject();
            g.writeStringField("path", o.input().name());
            g.writeBooleanField("linted", o.linted());
            if (!o.linted()) g.writeStringField("problem", o.problem());
            if (ctx.fixMode()) g.writeNumberField("fixed", o.fixesApplied());
            g.writeArrayFieldStart("diagnostics");
            for (Finding f : o.findings()) diagnostic(f);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void diagnostic(Finding f) throws IOException {
        Diagnostic d = f.diagnostic();
        g.writeStartObject();
        g.writeStringField("ruleId", d.ruleId());
        g.writeStringField("severity", d.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringField("sqlstate", d.sqlstate());
        g.writeStringField("message", d.message());
        g.writeStringField("help", d.help());
        g.writeNumberField("line", d.line());
        g.writeNumberField("column", d.column());
        g.writeNumberField("endLine", f.endLine());
        g.writeNumberField("endColumn", f.endColumn());
        g.writeNumberField("offset", d.offset());
        g.writeNumberField("length", d.length());
        Fix fix = d.fix();
        if (fix == null) {
            g.writeNullField("fix");
        } else {
            g.writeObjectFieldStart("fix");
            g.writeStringField("description", fix.description());
            g.writeArrayFieldStart("edits");
            for (TextEdit e : fix.edits()) {
                g.writeStartObject();
                g.writeNumberField("offset", e.offset());
                g.writeNumberField("length", e.length());
                g.writeStringField("replacement", e.replacement());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("unfixableReason", fix.unfixableReason());
            g.writeEndObject();
        }
        evidence(g, f.evidence().orElse(null));
        g.writeEndObject();
    }

    /** The {@code "evidence"} field: how we know (null for findings of no catalog rule). */
    static void evidence(JsonGenerator g, Evidence e) throws IOException {
        if (e == null) {
            g.writeNullField("evidence");
            return;
        }
        g.writeObjectFieldStart("evidence");
        g.writeStringField("behaviour", e.behaviour().id());
        g.writeStringField("message", e.message().id());
        g.writeStringField("basis", e.basis());
        g.writeEndObject();
    }

    @Override
    public void end(LintSummary s) {
        write(() -> {
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", s.linted());
            g.writeNumberField("notLinted", s.notLinted());
            g.writeNumberField("findings", s.findings());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("warnings", s.warnings());
            g.writeNumberField("fixable", s.fixable());
            g.writeNumberField("fixed", s.fixesApplied());
            g.writeNumberField("exitCode", s.exitCode());
            g.writeEndObject();
            g.writeEndObject();
        });
        JsonOutput.finish(g, ctx.out());
    }

    @FunctionalInterface
    interface JsonWrite {
        void run() throws IOException;
    }

    static void write(JsonWrite w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

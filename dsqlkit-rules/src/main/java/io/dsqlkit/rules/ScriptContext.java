package io.dsqlkit.rules;

import io.dsqlkit.sql.Statement;

import java.util.List;
import java.util.Map;

/** What a {@link ScriptRule} sees: all statements and the per-statement findings already made. */
public final class ScriptContext {
    private final String source;
    private final List<Statement> statements;
    private final Profile profile;
    private final Map<Statement, List<Diagnostic>> statementFindings;
    private final DiagnosticSink sink;

    public ScriptContext(String source, List<Statement> statements, Profile profile,
                         Map<Statement, List<Diagnostic>> statementFindings, DiagnosticSink sink) {
        this.source = source;
        this.statements = statements;
        this.profile = profile;
        this.statementFindings = statementFindings;
        this.sink = sink;
    }

    public String source() {
        return source;
    }

    public List<Statement> statements() {
        return statements;
    }

    public Profile profile() {
        return profile;
    }

    /** ERROR/WARNING findings of the statement rules for {@code s} (after suppression). */
    public List<Diagnostic> findingsFor(Statement s) {
        return statementFindings.getOrDefault(s, List.of());
    }

    public void report(Rule rule, int offset, int length, String message, Fix fix) {
        sink.accept(Diagnostics.of(rule, source, offset, length, message, fix));
    }
}

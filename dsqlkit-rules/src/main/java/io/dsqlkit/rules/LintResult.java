package io.dsqlkit.rules;

import io.dsqlkit.sql.Statement;

import java.util.List;

/** The statements of a text and the findings over them, in source order. */
public record LintResult(String source, Profile profile, List<Statement> statements, List<Diagnostic> diagnostics) {
    public LintResult {
        statements = List.copyOf(statements);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}

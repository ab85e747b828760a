package io.dsqlkit.migrate.schema;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;

/** A lint finding of a migration file as {@code plan} shows it (from the one view, {@link Finding}): location, rule, message, help and fix. */
final class LintFindings {
    private LintFindings() {}

    static String format(MigrationFile f, Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.fileName()).append(':').append(d.line()).append(':').append(d.column()).append(": ")
                .append(d.severity().name().toLowerCase()).append('[').append(d.ruleId()).append("] ").append(d.message());
        if (d.help() != null) sb.append("\n    help: ").append(d.help());
        Finding finding = Finding.of(f.content(), d);
        if (finding.hasFix()) {
            if (finding.fixable()) {
                sb.append("\n    fix: ").append(finding.fixText());
                for (var e : d.fix().edits()) {
                    String old = f.content().substring(e.offset(), Math.min(f.content().length(), e.end()));
                    sb.append("\n      replace '").append(old).append("' with '").append(e.replacement()).append('\'');
                }
            } else if (finding.fixText() != null) {
                sb.append("\n    no automatic fix: ").append(finding.fixText());
            }
        }
        return sb.toString();
    }
}

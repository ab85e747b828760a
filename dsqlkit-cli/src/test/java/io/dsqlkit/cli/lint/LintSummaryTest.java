package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LintSummaryTest {
    private static FileOutcome with(Severity... severities) {
        String text = "SELECT 1;";
        List<Finding> findings = java.util.Arrays.stream(severities)
                .map(s -> Finding.of(text, RenderersTest.diag(text, "r", s, "SELECT", 6, null))).toList();
        return new FileOutcome(LintInput.file(Path.of("a.sql")), text, findings, null, 0, false);
    }

    @Test
    void warningsAloneExitZeroErrorsOneProblemsTwo() {
        LintSummary clean = new LintSummary();
        clean.add(with());
        assertThat(clean.exitCode()).isZero();

        LintSummary warnings = new LintSummary();
        warnings.add(with(Severity.WARNING, Severity.WARNING));
        assertThat(warnings.exitCode()).isZero();
        assertThat(warnings.warnings()).isEqualTo(2);

        LintSummary errors = new LintSummary();
        errors.add(with(Severity.WARNING, Severity.ERROR));
        assertThat(errors.exitCode()).isEqualTo(1);

        LintSummary problem = new LintSummary();
        problem.add(with(Severity.ERROR));
        problem.add(FileOutcome.failed(LintInput.file(Path.of("b.sql")), "no such file or directory"));
        assertThat(problem.exitCode()).isEqualTo(2);

        assertThat(new LintSummary().exitCode()).as("nothing linted").isEqualTo(2);
    }
}

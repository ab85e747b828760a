package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Finding;
import io.dsqlkit.sql.SourceDecoder;

import io.dsqlkit.rules.Diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Lints (or fixes) each input in turn and hands the outcome to the renderer. Problems with an input
 * (missing, binary, not UTF-8, unreadable, too big) are reported on stderr and counted, never thrown:
 * the other inputs are still linted.
 */
final class LintRunner {
    /** Files past this size are refused rather than risking an OutOfMemoryError halfway through. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16L;

    private final ChunkedLinter linter;
    private final boolean fix;
    private final InputStream stdin;
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final Renderer renderer;

    /**
     * @param stdout where --fix writes the fixed SQL of standard input
     * @param stderr where problems and "not fixed" notes go
     */
    LintRunner(ChunkedLinter linter, boolean fix, InputStream stdin, PrintWriter stdout, PrintWriter stderr,
               Renderer renderer) {
        this.linter = linter;
        this.fix = fix;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.renderer = renderer;
    }

    /** @param unresolved command-line paths that named nothing lintable; reported as not linted */
    LintSummary run(List<LintInput> inputs, List<LintInputs.Problem> unresolved) {
        LintSummary summary = new LintSummary();
        renderer.begin();
        for (LintInputs.Problem p : unresolved) {
            FileOutcome outcome = FileOutcome.failed(new LintInput(p.name(), null), p.reason());
            stderr.println("dsqlkit lint: " + p.name() + ": " + p.reason());
            summary.add(outcome);
            renderer.file(outcome);
        }
        for (LintInput input : inputs) {
            FileOutcome outcome = lintOne(input);
            if (!outcome.linted()) stderr.println("dsqlkit lint: " + input.name() + ": " + outcome.problem());
            else if (fix) reportFixes(outcome);
            summary.add(outcome);
            renderer.file(outcome);
        }
        renderer.end(summary);
        return summary;
    }

    private FileOutcome lintOne(LintInput input) {
        SourceDecoder.Decoded decoded;
        try {
            decoded = SourceDecoder.decode(read(input));
        } catch (IOException e) {
            return FileOutcome.failed(input, "cannot read: " + LintInputs.reason(e));
        } catch (OutOfMemoryError e) {
            return FileOutcome.failed(input, tooBig());
        }
        if (decoded instanceof SourceDecoder.Rejected r) return FileOutcome.failed(input, r.reason());
        SourceDecoder.Text source = (SourceDecoder.Text) decoded;
        try {
            return fix ? fixOne(input, source) : lintText(input, source.text());
        } catch (IOException e) {
            return FileOutcome.failed(input, "cannot write the fixed file: " + LintInputs.reason(e)
                    + " (the original is unchanged)");
        } catch (OutOfMemoryError e) {
            return FileOutcome.failed(input, tooBig());
        } catch (RuntimeException e) {
            // A bug in dsqlkit must not hide the findings of the other files; name it and carry on.
            return FileOutcome.failed(input, "internal error while linting (please report it with this file): " + e);
        }
    }

    private byte[] read(LintInput input) throws IOException {
        if (input.isStdin()) return stdin.readAllBytes();
        long size = Files.size(input.path());
        if (size > MAX_FILE_BYTES) throw new IOException("file too large (" + size + " bytes; the limit is 2 GiB)");
        return Files.readAllBytes(input.path());
    }

    private static String tooBig() {
        return "too large to lint with this heap; raise it, e.g. DSQLKIT_JAVA_OPTS=-Xmx4g";
    }

    private FileOutcome lintText(LintInput input, String text) {
        return new FileOutcome(input, text, findings(text, linter.lint(text)), null, 0, false);
    }

    private FileOutcome fixOne(LintInput input, SourceDecoder.Text source) throws IOException {
        ChunkedLinter.Fixed fixed = linter.fix(source.text());
        boolean changed = !fixed.text().equals(source.text());
        if (input.isStdin()) {
            stdout.print(fixed.text());
            stdout.flush();
        } else if (changed) {
            FileRewriter.replace(input.path(), fixed.text(), source.hadBom());
        }
        return new FileOutcome(input, fixed.text(), findings(fixed.text(), fixed.remaining()), null,
                fixed.applied(), changed);
    }

    private static List<Finding> findings(String text, List<Diagnostic> diagnostics) {
        List<Finding> out = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) out.add(Finding.of(text, d));
        return out;
    }

    private void reportFixes(FileOutcome o) {
        if (o.fixesApplied() > 0) {
            stderr.println("dsqlkit lint: " + o.input().name() + ": fixed " + plural(o.fixesApplied(), "finding")
                    + (o.input().isStdin() ? "" : ", file rewritten"));
        }
        // On stdin the text report itself goes to stderr and already gives each reason.
        if (o.input().isStdin()) return;
        for (Finding f : o.findings()) {
            Diagnostic d = f.diagnostic();
            stderr.println("dsqlkit lint: " + o.input().name() + ":" + d.line() + ":" + d.column() + ": not fixed ["
                    + d.ruleId() + "]: " + (f.fixable() ? "its fix overlaps another one; run --fix again" : f.unfixableReason()));
        }
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

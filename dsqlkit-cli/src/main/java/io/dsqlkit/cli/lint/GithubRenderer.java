package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Severity;

import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands, one per finding, which GitHub shows as annotations on the
 * changed lines:
 * {@code ::error file=db/001.sql,line=3,endLine=3,col=1,endColumn=16,title=truncate::message}.
 * Values are escaped as the runner expects (actions/toolkit, command.ts): {@code %}, CR and LF in
 * the message; additionally {@code :} and {@code ,} in properties. Inputs that could not be linted
 * are annotated too, and the summary line is printed as plain log text.
 */
final class GithubRenderer implements Renderer {
    private final RenderContext ctx;
    private final PrintWriter out;

    GithubRenderer(RenderContext ctx) {
        this.ctx = ctx;
        this.out = ctx.out();
    }

    @Override
    public void file(FileOutcome o) {
        String file = property(o.input().name());
        if (!o.linted()) {
            out.println("::error file=" + file + ",title=dsqlkit::" + data(o.problem()));
            return;
        }
        for (Finding f : o.findings()) {
            Diagnostic d = f.diagnostic();
            String message = d.message() + " (SQLSTATE " + d.sqlstate() + ")"
                    + (d.help() == null || d.help().isBlank() ? "" : "\nhelp: " + d.help());
            if (d.fix() != null && d.fix().unfixableReason() == null && !d.fix().edits().isEmpty()) {
                message += "\nfix (dsqlkit lint --fix): " + d.fix().description();
            }
            out.println("::" + (d.severity() == Severity.ERROR ? "error" : "warning")
                    + " file=" + file + ",line=" + d.line() + ",endLine=" + f.endLine() + ",col=" + d.column()
                    + ",endColumn=" + f.endColumn() + ",title=" + property(d.ruleId()) + "::" + data(message));
        }
    }

    @Override
    public void end(LintSummary s) {
        out.println(TextRenderer.summaryLine(s, ctx.fixMode()));
        out.flush();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}

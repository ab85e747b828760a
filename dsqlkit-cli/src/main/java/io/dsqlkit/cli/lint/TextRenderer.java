package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Severity;
import io.dsqlkit.rules.TextEdit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Compiler-style output for people:
 * <pre>
 * db/001.sql:3:1: error[truncate]: unsupported statement: Truncate (SQLSTATE 0A000)
 *   |
 * 3 | TRUNCATE orders;
 *   | ^^^^^^^^^^^^^^^
 *   = help: use DELETE FROM in batches of at most 3,000 rows
 *   = fix: replace TRUNCATE with DELETE FROM
 *   - TRUNCATE orders;
 *   + DELETE FROM orders;
 * </pre>
 * then one summary line. A span over several lines is underlined on its first line.
 */
final class TextRenderer implements Renderer {
    private static final int MAX_DIFF_LINES = 12;
    private static final int MAX_SNIPPET_CHARS = 160;
    private static final int CONTEXT_BEFORE_SPAN = 40;
    private static final int TAB_WIDTH = 4;

    private final RenderContext ctx;
    private final PrintWriter out;
    private final Ansi ansi;

    TextRenderer(RenderContext ctx) {
        this.ctx = ctx;
        this.out = ctx.out();
        this.ansi = new Ansi(ctx.colour());
    }

    @Override
    public void file(FileOutcome o) {
        for (Finding f : o.findings()) finding(o, f);
    }

    private void finding(FileOutcome o, Finding f) {
        Diagnostic d = f.diagnostic();
        boolean error = d.severity() == Severity.ERROR;
        out.println(ansi.bold(o.input().name() + ":" + d.line() + ":" + d.column() + ":") + " "
                + (error ? ansi.red("error") : ansi.yellow("warning")) + ansi.bold("[" + d.ruleId() + "]") + ": "
                + d.message() + " (SQLSTATE " + d.sqlstate() + ")");
        String pad = " ".repeat(String.valueOf(d.line()).length());
        snippet(o.text(), d, pad, error);
        if (d.help() != null && !d.help().isBlank()) out.println(pad + " " + ansi.blue("=") + " " + ansi.cyan("help") + ": " + d.help());
        Fix fix = d.fix();
        if (f.fixable()) {
            out.println(pad + " " + ansi.blue("=") + " " + ansi.green("fix") + ": " + fix.description());
            diff(o.text(), fix, pad);
        } else if (fix != null && fix.unfixableReason() != null) {
            out.println(pad + " " + ansi.blue("=") + " not fixable: " + fix.unfixableReason());
        }
        out.println();
    }

    private void snippet(String text, Diagnostic d, String pad, boolean error) {
        int off = Math.min(d.offset(), text.length());
        int ls = lineStart(text, off);
        int le = lineEnd(text, off);
        String raw = text.substring(ls, le);
        int spanStart = off - ls;
        int spanEnd = Math.max(spanStart + 1, Math.min(off + d.length(), le) - ls);

        int from = 0, to = raw.length();
        if (raw.length() > MAX_SNIPPET_CHARS) {
            from = Math.max(0, spanStart - CONTEXT_BEFORE_SPAN);
            to = Math.min(raw.length(), from + MAX_SNIPPET_CHARS);
        }
        StringBuilder shown = new StringBuilder(from > 0 ? "..." : "");
        int caretAt = -1, caretEnd = -1;
        for (int i = from; i <= to; i++) {
            if (i == spanStart) caretAt = shown.length();
            if (i == Math.min(spanEnd, to)) caretEnd = shown.length();
            if (i == to) break;
            char c = raw.charAt(i);
            if (c == '\t') shown.append(" ".repeat(TAB_WIDTH));
            else shown.append(Character.isISOControl(c) ? '?' : c);
        }
        if (to < raw.length()) shown.append("...");
        if (caretAt < 0) caretAt = shown.length();
        int carets = Math.max(1, caretEnd - caretAt);
        String underline = "^".repeat(carets);
        out.println(pad + " " + ansi.blue("|"));
        out.println(ansi.blue(d.line() + " |") + " " + shown);
        out.println(pad + " " + ansi.blue("|") + " " + " ".repeat(caretAt) + (error ? ansi.red(underline) : ansi.yellow(underline)));
    }

    /** The changed lines before and after the fix, as {@code - old} / {@code + new}. */
    private void diff(String text, Fix fix, String pad) {
        List<TextEdit> edits = new ArrayList<>(fix.edits());
        edits.sort(Comparator.comparingInt(TextEdit::offset));
        int first = Math.min(edits.get(0).offset(), text.length());
        int last = first;
        for (TextEdit e : edits) last = Math.max(last, Math.min(e.end(), text.length()));
        int a = lineStart(text, first);
        int b = lineEnd(text, last);
        StringBuilder after = new StringBuilder(text.substring(a, b));
        for (int i = edits.size() - 1; i >= 0; i--) {
            TextEdit e = edits.get(i);
            int s = Math.min(e.offset(), b) - a;
            after.replace(s, Math.min(e.end(), b) - a, e.replacement());
        }
        List<String> before = lines(text.substring(a, b));
        List<String> now = lines(after.toString());
        int common = 0;
        while (common < before.size() && common < now.size() && before.get(common).equals(now.get(common))) common++;
        int tail = 0;
        while (tail < before.size() - common && tail < now.size() - common
                && before.get(before.size() - 1 - tail).equals(now.get(now.size() - 1 - tail))) tail++;
        print(before.subList(common, before.size() - tail), pad + " " + ansi.minus("-") + " ", true);
        print(now.subList(common, now.size() - tail), pad + " " + ansi.green("+") + " ", false);
    }

    private void print(List<String> lines, String prefix, boolean removed) {
        int shown = Math.min(lines.size(), MAX_DIFF_LINES);
        for (int i = 0; i < shown; i++) {
            String l = lines.get(i).replace("\t", " ".repeat(TAB_WIDTH));
            out.println(prefix + (removed ? ansi.minus(l) : ansi.green(l)));
        }
        if (lines.size() > shown) out.println(prefix + "... " + (lines.size() - shown) + " more lines");
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        out.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return out;
    }

    private static int lineStart(String text, int offset) {
        return offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** End of the line holding {@code offset}, before its line break (and before a CR of CRLF). */
    private static int lineEnd(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        int end = nl < 0 ? text.length() : nl;
        if (end > 0 && end > offset && text.charAt(end - 1) == '\r') end--;
        return end;
    }

    @Override
    public void end(LintSummary s) {
        out.println(summaryLine(s, ctx.fixMode()));
        out.flush();
    }

    static String summaryLine(LintSummary s, boolean fixMode) {
        String counts = LintRunner.plural(s.findings(), "finding") + " (" + LintRunner.plural(s.errors(), "error") + ", "
                + LintRunner.plural(s.warnings(), "warning") + ") in " + LintRunner.plural(s.linted(), "file");
        String line = fixMode
                ? "fixed " + LintRunner.plural(s.fixesApplied(), "finding") + " (" + LintRunner.plural(s.rewritten(), "input")
                        + " changed); remaining: " + counts
                : counts + "; " + s.fixable() + " fixable with --fix";
        if (s.notLinted() > 0) line += "; " + LintRunner.plural(s.notLinted(), "input") + " not linted (see stderr)";
        return line;
    }
}

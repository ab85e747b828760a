package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.rules.LintResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the {@link Linter} over a text of any size with bounded memory. A text up to one window
 * (1 MiB by default) is linted whole. A bigger one is linted in chunks of whole statements: each
 * chunk ends at a top-level semicolon, preferably one outside a BEGIN ... COMMIT block so that the
 * script rules (one DDL per transaction, DDL mixed with DML) see every transaction whole. Only the
 * tokens of one chunk are alive at a time; a text with a {@code dsqlkit-ignore-file} comment is
 * linted whole because that comment applies to all of it. Diagnostics come back with offsets,
 * lines and columns in the whole text.
 */
final class ChunkedLinter {
    static final int DEFAULT_WINDOW = 1 << 20;
    private static final String IGNORE_FILE = "dsqlkit-ignore-file";
    private static final int MAX_GROWTH_FOR_TRANSACTION = 16;

    private final Linter linter;
    private final int window;

    ChunkedLinter(Linter linter) {
        this(linter, DEFAULT_WINDOW);
    }

    ChunkedLinter(Linter linter, int window) {
        if (window < 1) throw new IllegalArgumentException("window must be positive");
        this.linter = linter;
        this.window = window;
    }

    /** @param applied how many findings the fixes resolved; {@code remaining} is over {@code text} */
    record Fixed(String text, int applied, List<Diagnostic> remaining) {}

    List<Diagnostic> lint(String text) {
        List<Diagnostic> out = new ArrayList<>();
        if (!chunked(text)) {
            LintResult r = linter.lint(text);
            out.addAll(r.diagnostics());
        } else {
            Cursor at = new Cursor();
            Chunker chunker = new Chunker(text);
            while (chunker.hasNext()) {
                Chunk c = chunker.next();
                LintResult r = linter.lint(c.text(), c.statements());
                for (Diagnostic d : r.diagnostics()) out.add(at.shift(d));
                at.advance(c.text());
            }
        }
        out.sort(Comparator.comparingInt(Diagnostic::offset));
        return out;
    }

    Fixed fix(String text) {
        if (!chunked(text)) {
            FixResult r = linter.fix(text);
            List<Diagnostic> remaining = new ArrayList<>(r.remaining());
            remaining.sort(Comparator.comparingInt(Diagnostic::offset));
            return new Fixed(r.fixed(), r.applied().size(), remaining);
        }
        StringBuilder fixed = new StringBuilder(text.length() + text.length() / 16);
        List<Diagnostic> remaining = new ArrayList<>();
        int applied = 0;
        Cursor at = new Cursor();
        Chunker chunker = new Chunker(text);
        while (chunker.hasNext()) {
            Chunk c = chunker.next();
            FixResult r = linter.fix(c.text());
            applied += r.applied().size();
            for (Diagnostic d : r.remaining()) remaining.add(at.shift(d));
            fixed.append(r.fixed());
            at.advance(r.fixed());
        }
        remaining.sort(Comparator.comparingInt(Diagnostic::offset));
        return new Fixed(fixed.toString(), applied, remaining);
    }

    private boolean chunked(String text) {
        return text.length() > window && !containsIgnoreCase(text, IGNORE_FILE);
    }

    static boolean containsIgnoreCase(String text, String needle) {
        char lo = Character.toLowerCase(needle.charAt(0));
        char up = Character.toUpperCase(needle.charAt(0));
        int last = text.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == lo || c == up) && text.regionMatches(true, i, needle, 0, needle.length())) return true;
        }
        return false;
    }

    /** @param statements the chunk's statements, offsets relative to the chunk's start */
    private record Chunk(String text, List<Statement> statements) {}

    /** Cuts the text into chunks of whole statements, carrying the BEGIN ... COMMIT state across cuts. */
    private final class Chunker {
        private final String text;
        private int pos;
        private boolean inTransaction;

        Chunker(String text) {
            this.text = text;
        }

        boolean hasNext() {
            return pos < text.length();
        }

        Chunk next() {
            int n = text.length();
            long size = window;
            while (true) {
                int end = (int) Math.min(pos + size, n);
                String win = text.substring(pos, end);
                List<Statement> stmts = ScriptSplitter.split(win);
                if (end == n) {
                    pos = n;
                    return new Chunk(win, stmts);
                }
                int cutOutside = 0, cutAny = 0;
                boolean tx = inTransaction;
                boolean txAtAny = inTransaction;
                // The statement lexed last may be cut by the window's end; only whole (terminated)
                // statements before it are safe to take.
                for (int i = 0; i < stmts.size() - 1; i++) {
                    Statement s = stmts.get(i);
                    if (!s.terminated()) break;
                    tx = transactionAfter(tx, s);
                    cutAny = i + 1;
                    txAtAny = tx;
                    if (!tx) cutOutside = i + 1;
                }
                // A transaction longer than the window: look further for its COMMIT (up to a bound, so
                // a script that is one huge transaction is still linted in pieces).
                if (cutOutside == 0 && size < (long) window * MAX_GROWTH_FOR_TRANSACTION) {
                    size *= 2;
                    continue;
                }
                int k = cutOutside > 0 ? cutOutside : cutAny;
                if (k > 0) {
                    inTransaction = cutOutside > 0 ? false : txAtAny;
                    List<Statement> taken = stmts.subList(0, k);
                    String chunk = win.substring(0, taken.get(k - 1).end());
                    pos += chunk.length();
                    return new Chunk(chunk, taken);
                }
                size *= 2;
            }
        }
    }

    private static boolean transactionAfter(boolean inTransaction, Statement s) {
        if (s.category() != StatementCategory.TRANSACTION_CONTROL) return inTransaction;
        List<Token> t = s.significant();
        if (t.isEmpty()) return inTransaction;
        Token first = t.get(0);
        if (first.isAnyKeyword("BEGIN", "START")) return true;
        if (first.isAnyKeyword("COMMIT", "END", "ABORT")) return false;
        if (first.isKeyword("ROLLBACK")) {
            // ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] x stays in the transaction
            for (Token x : t) if (x.isKeyword("TO")) return inTransaction;
            return false;
        }
        return inTransaction;
    }

    /** Where a chunk starts in the whole text: absolute offset, 1-based line and column. */
    private static final class Cursor {
        private int offset;
        private int line = 1;
        private int column = 1;

        void advance(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            offset += s.length();
        }

        Diagnostic shift(Diagnostic d) {
            if (offset == 0) return d;
            int l = line + d.line() - 1;
            int c = d.line() == 1 ? column + d.column() - 1 : d.column();
            Fix f = d.fix();
            if (f != null && !f.edits().isEmpty()) {
                List<TextEdit> edits = new ArrayList<>(f.edits().size());
                for (TextEdit e : f.edits()) edits.add(new TextEdit(e.offset() + offset, e.length(), e.replacement()));
                f = new Fix(f.description(), edits, f.unfixableReason());
            }
            return new Diagnostic(d.ruleId(), d.severity(), d.sqlstate(), d.message(), d.help(),
                    d.offset() + offset, d.length(), l, c, f);
        }
    }
}

package io.dsqlkit.rules;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single entry point for "what does DSQL do with this SQL": the CLI linter, the local gateway's
 * rejections and the MCP pre-flight all ask it.
 */
public final class Linter {
    private static final int MAX_FIX_PASSES = 8;

    private final Profile profile;
    private final List<StatementRule> statementRules = new ArrayList<>();
    private final List<ScriptRule> scriptRules = new ArrayList<>();

    public Linter(Profile profile) {
        this(profile, RuleCatalog.all());
    }

    public Linter(Profile profile, List<? extends Rule> rules) {
        this.profile = profile;
        for (Rule r : rules) {
            if (!r.profiles().contains(profile)) continue;
            if (r instanceof StatementRule sr) statementRules.add(sr);
            if (r instanceof ScriptRule sc) scriptRules.add(sc);
        }
    }

    public Profile profile() {
        return profile;
    }

    /** Lints a script: statement rules, then script rules; suppression comments honoured. */
    public LintResult lint(String source) {
        return lint(source, ScriptSplitter.split(source));
    }

    public LintResult lint(String source, List<Statement> statements) {
        Suppressions suppressions = new Suppressions(statements);
        Map<Statement, List<Diagnostic>> perStatement = new IdentityHashMap<>();
        List<Diagnostic> all = new ArrayList<>();
        for (Statement s : statements) {
            List<Diagnostic> found = new ArrayList<>();
            if (s.category() != StatementCategory.EMPTY) {
                checkStatement(source, s, d -> {
                    if (!suppressions.suppressed(d, s)) found.add(d);
                });
            }
            perStatement.put(s, found);
            all.addAll(found);
        }
        ScriptContext sctx = new ScriptContext(source, statements, profile, perStatement, d -> {
            if (!suppressions.suppressed(d, owner(statements, d.offset()))) all.add(d);
        });
        for (ScriptRule r : scriptRules) r.check(sctx);
        all.sort(Comparator.comparingInt(Diagnostic::offset).thenComparing(Diagnostic::ruleId));
        return new LintResult(source, profile, statements, all);
    }

    /**
     * The first ERROR that DSQL would raise for this one statement, ignoring suppression comments
     * and script-level rules (the gateway tracks transaction shape itself).
     */
    public Optional<Diagnostic> firstRejection(String source, Statement statement) {
        List<Diagnostic> found = new ArrayList<>();
        checkStatement(source, statement, d -> {
            if (d.severity() == Severity.ERROR) found.add(d);
        });
        return found.stream().min(Comparator.comparingInt(Diagnostic::offset));
    }

    /** Convenience for a single statement's text. */
    public Optional<Diagnostic> firstRejection(String sql) {
        for (Statement s : ScriptSplitter.split(sql)) {
            if (s.category() == StatementCategory.EMPTY) continue;
            Optional<Diagnostic> d = firstRejection(sql, s);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    private void checkStatement(String source, Statement s, DiagnosticSink sink) {
        StatementContext ctx = new StatementContext(source, s, profile, sink);
        for (StatementRule r : statementRules) {
            try {
                r.check(ctx);
            } catch (RuntimeException e) {
                // A rule must never take the linter down; a crash is a bug in that rule, reported as such.
                sink.accept(Diagnostics.of(new InternalErrorRule(r.id()), source, s.offset(), 0,
                        "internal error in rule " + r.id() + ": " + e, null));
            }
        }
    }

    /** Applies all mechanical fixes, re-linting between passes, until nothing fixable remains. */
    public FixResult fix(String source) {
        String text = source;
        List<Diagnostic> applied = new ArrayList<>();
        LintResult result = lint(text);
        for (int pass = 0; pass < MAX_FIX_PASSES; pass++) {
            List<Diagnostic> accepted = nonOverlappingFixable(result.diagnostics());
            if (accepted.isEmpty()) break;
            text = apply(text, accepted);
            applied.addAll(accepted);
            result = lint(text);
        }
        return new FixResult(source, text, applied, result.diagnostics());
    }

    private static List<Diagnostic> nonOverlappingFixable(List<Diagnostic> diagnostics) {
        List<Diagnostic> accepted = new ArrayList<>();
        List<TextEdit> taken = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            if (d.fix() == null || !d.fix().isFixable()) continue;
            boolean clash = false;
            for (TextEdit e : d.fix().edits()) {
                for (TextEdit t : taken) {
                    if (overlaps(e, t)) {
                        clash = true;
                        break;
                    }
                }
            }
            if (clash) continue;
            taken.addAll(d.fix().edits());
            accepted.add(d);
        }
        return accepted;
    }

    private static boolean overlaps(TextEdit a, TextEdit b) {
        if (a.offset() == b.offset()) return true;
        return a.offset() < b.end() && b.offset() < a.end();
    }

    /** Applies the edits of {@code diagnostics} (which must not overlap) to {@code text}. */
    public static String apply(String text, List<Diagnostic> diagnostics) {
        List<TextEdit> edits = new ArrayList<>();
        for (Diagnostic d : diagnostics) if (d.fix() != null) edits.addAll(d.fix().edits());
        edits.sort(Comparator.comparingInt(TextEdit::offset).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : edits) sb.replace(e.offset(), e.end(), e.replacement());
        return sb.toString();
    }

    /**
     * The statement containing {@code offset}. Statements are contiguous and in source order, so a
     * binary search keeps script rules with many findings linear in the file size.
     */
    private static Statement owner(List<Statement> statements, int offset) {
        int lo = 0, hi = statements.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Statement s = statements.get(mid);
            if (offset < s.offset()) hi = mid - 1;
            else if (offset >= s.end()) lo = mid + 1;
            else return s;
        }
        return null;
    }

    private record InternalErrorRule(String failing) implements Rule {
        public String id() {
            return "internal-error";
        }

        public String sqlstate() {
            return "XX000";
        }

        public String help() {
            return "please report this with the SQL that caused it";
        }
    }
}

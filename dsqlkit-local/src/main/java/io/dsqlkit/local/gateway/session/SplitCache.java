package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.NumberShape;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link ScriptSplitter#split} results by exact SQL text, shared by all sessions. Lexing and
 * classifying is the gateway's largest per-statement cost; clients repeat the exact same texts for
 * transaction control ({@code BEGIN}, {@code COMMIT}) and for every extended-protocol Parse with
 * {@code $n} parameters. Texts with inline number or string literals are cached from their second
 * sighting on: most never repeat (each {@code WHERE id = 42} differs) and would only churn the cache,
 * but the ones a program sends again and again ({@code SELECT 1}, a health check, a catalog query
 * with a quoted name) are split once. A text whose only varying parts are integers (pgbench's
 * {@code WHERE aid = 12345}, an ORM's {@code LIMIT 20 OFFSET 40}) is split once per
 * {@link NumberShape}, from the shape's second sighting on, and its statements are rebuilt from the
 * shape's without lexing, and only when asked for: a text that is one plain read, and whose lint key is
 * that of every text of its shape (or it is the shape's own text), comes with that key, and the planner
 * decides it from the key without its statements ({@link StatementPlanner#canPlanKnownRead}).
 * Statements are immutable, so one result can serve every session.
 */
final class SplitCache {
    private static final int MAX_TEXT_LENGTH = 1_000;
    private static final int MAX_ENTRIES = 2_000;

    /** By exact text. */
    private final SecondSighting<Known> texts = new SecondSighting<>();
    /** The statements of one text of a shape, by {@link NumberShape#key()}. */
    private final SecondSighting<Shaped> shapes = new SecondSighting<>();

    /** A text's statements and, when it is one {@link PlainRead}, its {@link LintCacheKey} (else null). */
    private record Known(List<Statement> statements, String plainReadLintKey) {}

    /**
     * The statements of one text of a shape, and the lint keys as in {@link Known}: {@code textReadKey} for that
     * text, {@code shapeReadKey} for every text of the shape (only when every integer the shape masks is one the lint
     * key masks too: {@code WHERE aid = 42}, not {@code SELECT 1} or {@code LIMIT 20}).
     */
    private record Shaped(NumberShape shape, List<Statement> statements, String shapeReadKey, String textReadKey, boolean ascii) {
        String readKey(String sql) {
            return shapeReadKey != null ? shapeReadKey : shape.sql().equals(sql) ? textReadKey : null;
        }
    }

    /**
     * A text's split as the cache has it: its statements (rebuilt from its shape's only when asked for), and for a
     * text that is one plain read, the {@link LintCacheKey} of that statement ({@link #plainReadLintKey}), which
     * lets the planner decide it without the statement.
     */
    static final class Split {
        private final String sql;
        private final NumberShape shape;
        private final Shaped template;
        private List<Statement> statements;
        private final String plainReadLintKey;
        /** Where the text's masked integers stand, when it is of a known shape; else null. */
        private final int[] runs;

        private Split(List<Statement> statements, String plainReadLintKey) {
            this(null, null, null, statements, plainReadLintKey, null);
        }

        private Split(String sql, NumberShape shape, Shaped template, List<Statement> statements, String plainReadLintKey,
                      int[] runs) {
            this.sql = sql;
            this.shape = shape;
            this.template = template;
            this.statements = statements;
            this.plainReadLintKey = plainReadLintKey;
            this.runs = runs;
        }

        List<Statement> statements() {
            if (statements == null) {
                NumberShape own = shape != null ? shape : NumberShape.of(sql);
                statements = template.shape().sql().equals(sql) ? template.statements()
                        : own.instantiate(template.shape(), template.statements());
            }
            return statements;
        }

        /** Non-null when the text is one plain read whose lint verdict is cached, if at all, under this key. */
        String plainReadLintKey() {
            return plainReadLintKey;
        }

        /**
         * For a text that is one plain read of a known shape whose every masked integer is an operand of a comparison
         * or arithmetic operator ({@code WHERE aid = 12345}): where those integers stand in the text (start and end
         * offsets in pairs), which may then be sent as parameters ({@link PreparedReads}); else null. Only for texts of
         * ASCII characters: the gateway reads a Query as UTF-8 and would send its text so, while the client (and so the
         * backend) may use another {@code client_encoding}, where only ASCII has the same bytes.
         */
        int[] operandIntegers() {
            return template != null && template.shapeReadKey() != null && template.ascii() ? runs : null;
        }

        /** The {@code NumberShape} key of a text with {@link #operandIntegers}. */
        String shapeKey() {
            return template.shape().key();
        }
    }

    /** The statements of {@code sql}; throws what {@link ScriptSplitter#split} throws. */
    List<Statement> split(String sql) {
        return lookup(sql).statements();
    }

    /**
     * The shapes last found in {@link #shapes}, tried first with {@link NumberShape#matches} (one pass over the text,
     * no key built): a program repeats a few shapes (pgbench's read-write script five). Racy on purpose: a slot holds an immutable record or null.
     */
    private final Shaped[] recent = new Shaped[8];
    private int nextRecent;

    /** The split of {@code sql}; throws what {@link ScriptSplitter#split} throws. */
    Split lookup(String sql) {
        if (sql.length() > MAX_TEXT_LENGTH) return new Split(ScriptSplitter.split(sql), null);
        for (Shaped r : recent) {
            int[] runs = r == null ? null : r.shape().runsIn(sql);
            if (runs != null) return new Split(sql, null, r, null, r.readKey(sql), runs);
        }
        Known hit = texts.get(sql);
        if (hit != null) return new Split(hit.statements(), hit.plainReadLintKey());
        NumberShape shape = NumberShape.of(sql);
        if (shape != null) return splitShaped(sql, shape);
        List<Statement> statements = List.copyOf(ScriptSplitter.split(sql));
        texts.offer(sql, () -> new Known(statements, plainReadLintKey(statements, null)), !hasLiterals(statements));
        return new Split(statements, null);
    }

    private Split splitShaped(String sql, NumberShape shape) {
        Shaped known = shapes.get(shape.key());
        if (known != null) {
            Shaped[] r = recent;
            int slot = nextRecent;
            r[slot] = known;
            nextRecent = (slot + 1) % r.length;
            return new Split(sql, shape, known, null, known.readKey(sql), known.shape().runsIn(sql));
        }
        List<Statement> statements = List.copyOf(ScriptSplitter.split(sql));
        shapes.offer(shape.key(), () -> new Shaped(shape, statements, plainReadLintKey(statements, shape),
                plainReadLintKey(statements, null), isAscii(shape.key())), false);
        return new Split(statements, null);
    }

    /**
     * The lint key of a text that is one {@link PlainRead} (ignoring empty statements), or null; for a text of
     * {@code shape} only when the key masks every integer the shape masks.
     */
    private static String plainReadLintKey(List<Statement> statements, NumberShape shape) {
        Statement read = null;
        for (Statement s : statements) {
            if (s.category() == StatementCategory.EMPTY) continue;
            if (read != null || !PlainRead.is(s)) return null;
            read = s;
        }
        if (read == null || (shape != null && !LintCacheKey.masksAll(read, shape))) return null;
        return LintCacheKey.of(read);
    }

    /**
     * Values by key, each kept from its key's second sighting on (or at once when asked), both maps bounded by
     * {@link #MAX_ENTRIES}: keys that never repeat only pass through the set of keys seen once.
     */
    private static final class SecondSighting<V> {
        private final ConcurrentHashMap<String, V> kept = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, Boolean> seenOnce = new ConcurrentHashMap<>();

        V get(String key) {
            return kept.get(key);
        }

        void offer(String key, Supplier<V> value, boolean keepNow) {
            if (keepNow || seenOnce.remove(key) != null) {
                if (kept.size() >= MAX_ENTRIES) kept.clear();
                kept.put(key, value.get());
            } else {
                if (seenOnce.size() >= MAX_ENTRIES) seenOnce.clear();
                seenOnce.put(key, Boolean.TRUE);
            }
        }

        int size() {
            return kept.size();
        }
    }

    /** Texts cached by exact text (not counting shapes). */
    int size() {
        return texts.size();
    }

    /** Shapes cached. */
    int shapes() {
        return shapes.size();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static boolean hasLiterals(List<Statement> statements) {
        for (Statement s : statements) {
            for (Token t : s.tokens()) {
                if (t.type() == TokenType.NUMBER || t.type() == TokenType.STRING) return true;
            }
        }
        return false;
    }
}

package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.NumberShape;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

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
 * shape's without lexing. Statements are immutable, so one result can serve every session.
 */
final class SplitCache {
    private static final int MAX_TEXT_LENGTH = 1_000;
    private static final int MAX_ENTRIES = 2_000;

    /** By exact text. */
    private final SecondSighting<List<Statement>> texts = new SecondSighting<>();
    /** The statements of one text of a shape, by {@link NumberShape#key()}. */
    private final SecondSighting<Shaped> shapes = new SecondSighting<>();

    private record Shaped(NumberShape shape, List<Statement> statements) {}

    /** The statements of {@code sql}; throws what {@link ScriptSplitter#split} throws. */
    List<Statement> split(String sql) {
        if (sql.length() > MAX_TEXT_LENGTH) return ScriptSplitter.split(sql);
        List<Statement> hit = texts.get(sql);
        if (hit != null) return hit;
        NumberShape shape = NumberShape.of(sql);
        if (shape != null) return splitShaped(sql, shape);
        List<Statement> statements = List.copyOf(ScriptSplitter.split(sql));
        texts.offer(sql, statements, !hasLiterals(statements));
        return statements;
    }

    private List<Statement> splitShaped(String sql, NumberShape shape) {
        Shaped known = shapes.get(shape.key());
        if (known != null) {
            return known.shape().sql().equals(sql) ? known.statements() : shape.instantiate(known.shape(), known.statements());
        }
        List<Statement> statements = List.copyOf(ScriptSplitter.split(sql));
        shapes.offer(shape.key(), new Shaped(shape, statements), false);
        return statements;
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

        void offer(String key, V value, boolean keepNow) {
            if (keepNow || seenOnce.remove(key) != null) {
                if (kept.size() >= MAX_ENTRIES) kept.clear();
                kept.put(key, value);
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

    private static boolean hasLiterals(List<Statement> statements) {
        for (Statement s : statements) {
            for (Token t : s.tokens()) {
                if (t.type() == TokenType.NUMBER || t.type() == TokenType.STRING) return true;
            }
        }
        return false;
    }
}

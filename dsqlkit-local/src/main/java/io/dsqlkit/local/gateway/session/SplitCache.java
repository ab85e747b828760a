package io.dsqlkit.local.gateway.session;

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
 * with a quoted name) are split once. Statements are immutable, so one result can serve every session.
 */
final class SplitCache {
    private static final int MAX_TEXT_LENGTH = 1_000;
    private static final int MAX_ENTRIES = 2_000;

    private final ConcurrentHashMap<String, List<Statement>> cache = new ConcurrentHashMap<>();
    /** Texts with literals seen once (their second sighting caches them); bounded like the cache. */
    private final ConcurrentHashMap<String, Boolean> seenOnce = new ConcurrentHashMap<>();

    /** The statements of {@code sql}; throws what {@link ScriptSplitter#split} throws. */
    List<Statement> split(String sql) {
        if (sql.length() > MAX_TEXT_LENGTH) return ScriptSplitter.split(sql);
        List<Statement> hit = cache.get(sql);
        if (hit != null) return hit;
        List<Statement> statements = List.copyOf(ScriptSplitter.split(sql));
        if (!hasLiterals(statements) || seenOnce.remove(sql) != null) {
            if (cache.size() >= MAX_ENTRIES) cache.clear();
            cache.put(sql, statements);
        } else {
            if (seenOnce.size() >= MAX_ENTRIES) seenOnce.clear();
            seenOnce.put(sql, Boolean.TRUE);
        }
        return statements;
    }

    int size() {
        return cache.size();
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

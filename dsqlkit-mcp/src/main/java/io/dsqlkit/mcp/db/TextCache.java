package io.dsqlkit.mcp.db;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a SQL text was found to be, kept by exact text: agents and programs send the same text again (a status
 * poll, a dashboard query), and the same text always lexes to the same tokens. Bounded: at most
 * {@code maxEntries} texts (all are dropped when full) of at most {@code maxText} characters (longer ones are
 * computed every time). A computation that throws keeps nothing, so a refusal is decided again each time.
 */
final class TextCache<V> {
    private final ConcurrentHashMap<String, V> kept = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxText;

    TextCache(int maxEntries, int maxText) {
        this.maxEntries = maxEntries;
        this.maxText = maxText;
    }

    V get(String text, Function<String, V> compute) {
        V known = kept.get(text);
        if (known != null) return known;
        V v = compute.apply(text);
        keep(text, v);
        return v;
    }

    /** What {@code text} was found to be, or null when nothing is kept for it. */
    V peek(String text) {
        return kept.get(text);
    }

    void keep(String text, V v) {
        if (text.length() <= maxText) {
            if (kept.size() >= maxEntries) kept.clear();
            kept.put(text, v);
        }
    }
}

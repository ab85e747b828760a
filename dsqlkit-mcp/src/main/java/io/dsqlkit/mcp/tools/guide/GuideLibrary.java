package io.dsqlkit.mcp.tools.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * dsqlkit's own DSQL guide: markdown pages bundled as resources under {@code /guide/} (offline, no
 * knowledge server), written for DSQL as of 2026-09 (dsql-facts §0). Served as MCP resources
 * ({@code dsql://guide/<topic>}) and by the {@code dsql_guide} tool.
 */
public final class GuideLibrary {
    /** topic id -> title, in the order agents should read them. */
    public static final Map<String, String> TOPICS;

    static {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("constraints", "What Aurora DSQL supports today, and what it rejects");
        t.put("examples", "Worked examples: tables, async indexes, queries, batches");
        t.put("multi-tenant", "Multi-tenant schemas and tenant-scoped queries");
        t.put("referential-integrity", "Foreign keys in DSQL, and app-level integrity checks");
        t.put("migrations", "Safe schema migrations on DSQL");
        t.put("transactions", "Transactions, optimistic concurrency (OCC) and retries");
        t.put("connections", "Connecting: IAM tokens, TLS, connection lifetime");
        t.put("tools", "This server's tools and its safety rules");
        TOPICS = java.util.Collections.unmodifiableMap(t);
    }

    private static final Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private GuideLibrary() {}

    public static String page(String topic) {
        return CACHE.computeIfAbsent(topic, GuideLibrary::load);
    }

    private static String load(String topic) {
        try (InputStream in = GuideLibrary.class.getResourceAsStream("/guide/" + topic + ".md")) {
            if (in == null) throw new IllegalStateException("guide page missing from the jar: " + topic);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page for {@code query}: an exact topic id, else the page mentioning the query's words most. */
    public static Optional<String> find(String query) {
        String q = query.toLowerCase(Locale.ROOT).trim().replace(' ', '-');
        if (TOPICS.containsKey(q)) return Optional.of(q);
        for (String id : TOPICS.keySet()) if (id.startsWith(q) || q.startsWith(id)) return Optional.of(id);
        String[] words = query.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+");
        List<Map.Entry<String, Integer>> scores = new ArrayList<>();
        for (String id : TOPICS.keySet()) {
            String text = page(id).toLowerCase(Locale.ROOT);
            int score = 0;
            for (String w : words) {
                if (w.length() < 3) continue;
                int from = 0;
                while ((from = text.indexOf(w, from)) >= 0) {
                    score++;
                    from += w.length();
                }
                if (TOPICS.get(id).toLowerCase(Locale.ROOT).contains(w)) score += 20;
            }
            if (score > 0) scores.add(Map.entry(id, score));
        }
        return scores.stream().max(Comparator.comparingInt(Map.Entry::getValue)).map(Map.Entry::getKey);
    }
}

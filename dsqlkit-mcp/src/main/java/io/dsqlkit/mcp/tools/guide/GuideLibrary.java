package io.dsqlkit.mcp.tools.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** Words that say nothing about a topic ("how do I ..."), ignored when matching a question. */
    private static final java.util.Set<String> STOP_WORDS = java.util.Set.of(
            "the", "and", "for", "how", "what", "why", "when", "where", "which", "who", "with", "without", "can", "does", "use",
            "using", "into", "from", "about", "this", "that", "there", "are", "was", "not", "you", "your", "its", "has", "have",
            "get", "make", "should", "would", "could", "will", "tomorrow", "today", "please", "tell", "show", "give", "need");

    /**
     * The page for {@code query}: an exact topic id (or the start of one, at least 4 letters), else the
     * page that mentions most of the query's words (as words or word starts: {@code index} finds
     * {@code indexes}), ties going to the page with more mentions and a title naming them. A question
     * whose words are mostly not in any page has no page: the caller says so and lists the topics.
     */
    public static Optional<String> find(String query) {
        String q = query.toLowerCase(Locale.ROOT).trim().replace(' ', '-');
        if (TOPICS.containsKey(q)) return Optional.of(q);
        if (q.length() >= 4) for (String id : TOPICS.keySet()) if (id.startsWith(q) || q.startsWith(id + "-")) return Optional.of(id);
        List<String> words = new ArrayList<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^a-z0-9_]+")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w) && !words.contains(w)) words.add(w);
        }
        if (words.isEmpty()) return Optional.empty();
        int needed = (words.size() + 1) / 2; // most of the words must be about the page
        String best = null;
        long bestScore = 0;
        for (String id : TOPICS.keySet()) {
            String text = page(id).toLowerCase(Locale.ROOT);
            String title = TOPICS.get(id).toLowerCase(Locale.ROOT);
            int matched = 0;
            long mentions = 0;
            for (String w : words) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![a-z0-9_])" + java.util.regex.Pattern.quote(w)).matcher(text);
                int n = 0;
                while (m.find()) n++;
                boolean inTitle = title.matches("(?s).*(?<![a-z0-9_])" + java.util.regex.Pattern.quote(w) + ".*");
                if (n > 0 || inTitle) matched++;
                mentions += n + (inTitle ? 20 : 0);
            }
            if (matched < needed) continue;
            long score = matched * 1_000_000L + mentions;
            if (score > bestScore) {
                best = id;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}

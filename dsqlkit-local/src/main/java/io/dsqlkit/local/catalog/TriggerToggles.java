package io.dsqlkit.local.catalog;

import java.util.Optional;

/**
 * {@code ALTER TABLE ... ENABLE|DISABLE [ALWAYS|REPLICA] TRIGGER ALL}, which DSQL accepts
 * (dsql-facts §0, 2026-06), becomes {@code ... TRIGGER USER}: DSQL has no user triggers, and
 * {@code ALL} would also reach PostgreSQL's internal triggers (foreign keys, the emulator's
 * transaction limits), which only a superuser may toggle. What DSQL does to foreign-key enforcement
 * under {@code DISABLE TRIGGER ALL} is UNVERIFIED; locally it stays on.
 */
public final class TriggerToggles {
    private TriggerToggles() {}

    /** The statement with each top-level {@code TRIGGER ALL} toggle made {@code TRIGGER USER}; empty if none. */
    public static Optional<String> withoutSystemTriggers(SqlWords w, String sql) {
        if (!w.keywordsAt(0, "ALTER", "TABLE")) return Optional.empty();
        StringBuilder out = null;
        int copied = 0;
        int depth = 0;
        for (int i = 2; i < w.size(); i++) {
            SqlWords.Word word = w.get(i);
            if (word.isPunct('(')) depth++;
            else if (word.isPunct(')')) depth--;
            if (depth != 0 || !(word.is("ENABLE") || word.is("DISABLE"))) continue;
            int k = i + 1;
            if (w.keywordsAt(k, "ALWAYS") || w.keywordsAt(k, "REPLICA")) k++;
            if (!w.keywordsAt(k, "TRIGGER", "ALL")) continue;
            SqlWords.Word all = w.get(k + 1);
            if (out == null) out = new StringBuilder(sql.length());
            out.append(sql, copied, all.start()).append("USER");
            copied = all.end();
            i = k + 1;
        }
        if (out == null) return Optional.empty();
        return Optional.of(out.append(sql.substring(copied)).toString());
    }
}

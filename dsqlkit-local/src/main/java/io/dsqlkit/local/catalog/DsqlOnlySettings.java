package io.dsqlkit.local.catalog;

import java.util.Optional;

/**
 * Session parameters DSQL lets clients set that PostgreSQL does not know (dsql-facts §1.3):
 * {@code disable_sync_create_index} (PostgreSQL rejects it as unrecognized) and DSQL's own
 * {@code dsql.*} parameters in {@code ALTER ROLE ... SET/RESET} (custom placeholders only a
 * superuser may store for a role). They change nothing in a local DSQL, so {@code SET}, {@code RESET}
 * and {@code ALTER ROLE|USER ... [IN DATABASE d] SET|RESET} of them are answered without running:
 * they succeed as on DSQL, but nothing is stored and {@code SHOW} does not know them.
 */
public final class DsqlOnlySettings {
    private DsqlOnlySettings() {}

    /** The command tag to answer {@code w} with, if it only sets or resets a DSQL-only parameter. */
    public static Optional<String> commandTag(SqlWords w) {
        if (w.keywordsAt(0, "SET") || w.keywordsAt(0, "RESET")) {
            int i = w.keywordsAt(1, "SESSION") || w.keywordsAt(1, "LOCAL") ? 2 : 1;
            if (w.keywordsAt(0, "SET") && w.keywordsAt(i, "disable_sync_create_index")) return Optional.of("SET");
            if (w.keywordsAt(0, "RESET") && w.keywordsAt(i, "disable_sync_create_index")) return Optional.of("RESET");
            return Optional.empty();
        }
        if (!(w.keywordsAt(0, "ALTER", "ROLE") || w.keywordsAt(0, "ALTER", "USER"))) return Optional.empty();
        int i = 3; // after the role name
        if (w.keywordsAt(i, "IN", "DATABASE")) i += 3;
        if (!w.keywordsAt(i, "SET") && !w.keywordsAt(i, "RESET")) return Optional.empty();
        SqlWords.Word name = w.get(i + 1);
        if (name == null || !name.isName()) return Optional.empty();
        String param = name.value();
        if (param.equals("disable_sync_create_index")) return Optional.of("ALTER ROLE");
        SqlWords.Word dot = w.get(i + 2);
        if (param.equals("dsql") && dot != null && dot.isPunct('.')) return Optional.of("ALTER ROLE");
        return Optional.empty();
    }
}

package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.TokenType;

import java.util.Set;

/**
 * The session parameters DSQL lets a client SET (dsql-facts §1.3: AWS's pg_dump proxy
 * ALLOWED_SET_PARAMS "per the Supported session parameters docs", any enable_* planner toggle,
 * disable_sync_create_index, and dsql.enable_batched_nestloop since 2026-09-11).
 */
public final class SessionParameters {
    private SessionParameters() {}

    private static final Set<String> ALLOWED = Set.of("application_name", "client_encoding", "datestyle",
            "extra_float_digits", "intervalstyle", "timezone", "search_path", "role", "disable_sync_create_index");

    /**
     * Parameters pg_dump and similar tools set for their own session whose absence does not change
     * what the following statements do in DSQL (no locks, no timeouts worth keeping, no RLS, no
     * tablespaces), so a fix may drop the SET.
     */
    private static final Set<String> SAFE_TO_DROP = Set.of("statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "idle_session_timeout", "synchronize_seqscans",
            "check_function_bodies", "client_min_messages", "row_security", "default_tablespace",
            "default_table_access_method", "default_with_oids", "xmloption", "transaction_timeout");

    /** {@code name} folded as PostgreSQL folds it (lower case for unquoted). */
    public static boolean allowed(String name, Profile profile) {
        if (ALLOWED.contains(name) || name.startsWith("enable_")) return true;
        return name.equals("dsql.enable_batched_nestloop") && profile.isAtLeast(Profile.DSQL_2026_09);
    }

    /** True when dropping a SET of {@code name} to {@code value} keeps the script's meaning on DSQL. */
    public static boolean safeToDrop(String name, String value) {
        if (SAFE_TO_DROP.contains(name)) return true;
        // DSQL, like PostgreSQL 16, has standard_conforming_strings on; dropping "= on" changes nothing.
        return name.equals("standard_conforming_strings") && value != null
                && (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("'on'") || value.equalsIgnoreCase("true"));
    }

    /**
     * The parameter a {@code SET}/{@code RESET} names at token {@code i}: the special forms
     * ({@code TIME ZONE}, {@code NAMES}, {@code SCHEMA}, {@code SESSION AUTHORIZATION}, {@code XML OPTION})
     * mapped to their GUC, otherwise a possibly qualified name as PostgreSQL folds it; null when none.
     *
     * @param name the GUC name (as written, folded; compare lower-cased: GUC names ignore case)
     * @param last index of the name's last token
     */
    public record Name(String name, int last) {
        public static Name at(Tokens t, int i) {
            if (t.kwSeq(i, "TIME", "ZONE")) return new Name("timezone", i + 1);
            if (t.kw(i, "NAMES")) return new Name("client_encoding", i);
            if (t.kw(i, "SCHEMA")) return new Name("search_path", i);
            if (t.kwSeq(i, "SESSION", "AUTHORIZATION")) return new Name("session_authorization", i + 1);
            if (t.kwSeq(i, "XML", "OPTION")) return new Name("xmloption", i + 1);
            if (!t.isName(i)) return null;
            int last = t.skipQualifiedName(i) - 1;
            StringBuilder sb = new StringBuilder();
            for (int k = i; k <= last; k++) sb.append(t.is(k, TokenType.DOT) ? "." : t.nameValue(k));
            return new Name(sb.toString(), last);
        }

        /** True when DSQL lets a session set this parameter under {@code profile}. */
        public boolean allowed(Profile profile) {
            return SessionParameters.allowed(name.toLowerCase(java.util.Locale.ROOT), profile);
        }
    }
}

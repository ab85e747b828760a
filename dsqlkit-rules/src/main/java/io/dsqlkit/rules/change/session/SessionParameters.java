package io.dsqlkit.rules.change.session;

import io.dsqlkit.rules.Profile;

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
}

package io.dsqlkit.migrate.support;

import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.SqlText;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting and SQLSTATE classification shared by the migration runner and the data movers. */
public final class Sql {
    private Sql() {}

    /** Quotes one identifier part when needed (the one quoting rule: {@link SqlText#quoteIdentifierIfNeeded}). */
    public static String ident(String name) {
        return SqlText.quoteIdentifierIfNeeded(name);
    }

    /**
     * Quotes a possibly schema-qualified table name. Without double quotes it is {@code table} or
     * {@code schema.table} with each part taken as stored (split at the first dot); with double
     * quotes it must be exactly one or two identifiers separated by a dot, as the lexer reads them
     * ({@code "My Table"}, {@code sales."Order"}). Either way the result is rebuilt from the parts,
     * so no text of the name reaches SQL unquoted; anything else is refused.
     */
    public static String qualified(String name) {
        return parts(name).stream().map(Sql::ident).collect(Collectors.joining("."));
    }

    /**
     * The stored names of a {@code table} or {@code schema.table} argument (see {@link #qualified}):
     * one or two parts; unquoted text is taken as stored, quoted parts are unquoted.
     */
    public static List<String> parts(String name) {
        if (name.indexOf('"') < 0) {
            int dot = name.indexOf('.');
            return dot < 0 ? List.of(name) : List.of(name.substring(0, dot), name.substring(dot + 1));
        }
        List<Token> sig = Lexer.tokenize(name).stream().filter(t -> !t.is(TokenType.WHITESPACE)).toList();
        boolean ok = sig.size() == 1 || sig.size() == 3 && sig.get(1).is(TokenType.DOT);
        for (int i = 0; ok && i < sig.size(); i += 2) {
            Token t = sig.get(i);
            ok = !t.unterminated() && (t.is(TokenType.QUOTED_IDENTIFIER) || t.is(TokenType.IDENTIFIER));
        }
        if (!ok) throw new IllegalArgumentException("not a table name: " + name + " (give table or schema.table; quote parts with \"...\")");
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < sig.size(); i += 2) {
            Token t = sig.get(i);
            parts.add(t.is(TokenType.IDENTIFIER) ? t.text() : t.identifierValue());
        }
        return List.copyOf(parts);
    }

    public static String idents(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    public static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** The first SQLSTATE in the cause chain, or null. */
    public static String state(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) return s.getSQLState();
        }
        return null;
    }

    /**
     * DSQL's transaction limits (dsql-facts §2): rows (3,000), size (10 MiB), age (300 s) all raise
     * 54000; a smaller transaction may pass, so callers halve and retry.
     */
    public static boolean isTransactionLimit(Throwable t) {
        return "54000".equals(state(t));
    }

    /**
     * A data error that a smaller chunk would isolate to specific rows: class 22 (data exception)
     * and 23 (integrity constraint violation), and 42804 (datatype mismatch on input).
     */
    public static boolean isDataError(Throwable t) {
        String s = state(t);
        return s != null && (s.startsWith("22") || s.startsWith("23"));
    }

    /** The server message without the driver's "ERROR: " prefix and "Where:"/"Position" tails. */
    public static String message(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        if (m.startsWith("ERROR: ")) m = m.substring(7);
        int nl = m.indexOf('\n');
        if (nl > 0) m = m.substring(0, nl);
        return m.trim();
    }

    /** True when {@code name} resolves to a relation. */
    public static boolean relationExists(java.sql.Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates a bookkeeping table with one DDL in autocommit (one DDL per transaction, dsql-facts
     * §1.2). Two processes may race to create it: the loser's error (OC001 on DSQL, a catalog
     * unique violation on PostgreSQL) is ignored once the table exists.
     */
    public static void createIfMissing(java.sql.Connection c, String name, String ddl) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            // OC001 (the catalog moved under this session) or a lost creation race: look again, 10 times at most.
            io.dsqlkit.client.OccRetry.retrying(10, e -> true, attempt -> java.time.Duration.ofMillis(20L * attempt), attempt -> {
                if (relationExists(c, name)) return null;
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute(ddl);
                }
                return null;
            }, (last, attempts) -> last);
        } finally {
            c.setAutoCommit(auto);
        }
    }
}

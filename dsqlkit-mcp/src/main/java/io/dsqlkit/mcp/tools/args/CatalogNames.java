package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool arguments that name tables and columns, resolved through the catalog with bound parameters.
 * A name is accepted only when it denotes exactly one existing relation or column; the tools then
 * build SQL from the catalog's names ({@link TableName#sql()}, {@link io.dsqlkit.sql.SqlText#quoteIdentifierIfNeeded}), so no text
 * of an argument ever reaches SQL.
 */
public final class CatalogNames {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast", "sys");

    private CatalogNames() {}

    /**
     * The relation {@code arg} names: {@code table} or {@code schema.table}, parts as stored (as
     * {@code describe_table} shows them) or written as SQL ({@code "My Table"}, unquoted names fold
     * to lower case). System schemas are refused: tools work on user data only.
     */
    public static TableName table(Connection c, String arg, String argName) throws SQLException {
        String asStored;
        try {
            asStored = Sql.qualified(arg.strip());
        } catch (IllegalArgumentException e) {
            throw notAName(argName, arg);
        }
        TableName t = lookup(c, asStored);
        if (t == null && arg.indexOf('"') < 0 && isSqlName(arg)) t = lookup(c, arg.strip());
        if (t == null) {
            throw new ToolError("argument '" + argName + "': no table or view " + describe(arg) + "; use list_tables to see what exists "
                    + "(names as stored are case-sensitive; unquoted SQL names are lower case)", Map.of("argument", argName));
        }
        if (SYSTEM_SCHEMAS.contains(t.schema()) || t.schema().startsWith("pg_")) {
            throw new ToolError("argument '" + argName + "': " + t.sql() + " is a system catalog; this tool works on user tables",
                    Map.of("argument", argName));
        }
        return t;
    }

    /** Like {@link #table} but only an ordinary (or partitioned) table, e.g. for DML. */
    public static TableName dataTable(Connection c, String arg, String argName) throws SQLException {
        TableName t = table(c, arg, argName);
        if (!t.isTable()) {
            throw new ToolError("argument '" + argName + "': " + t.sql() + " is not a table (relkind " + t.kind()
                    + "); give the base table", Map.of("argument", argName));
        }
        return t;
    }

    /** The column of {@code t} that {@code arg} names: exactly as stored, else as an SQL identifier (folded). */
    public static String column(Connection c, TableName t, String arg, String argName) throws SQLException {
        String found = lookupColumn(c, t, arg);
        if (found == null) {
            List<Token> sig = significant(arg);
            if (sig.size() == 1 && isIdentifier(sig.get(0))) found = lookupColumn(c, t, sig.get(0).identifierValue());
        }
        if (found == null) {
            throw new ToolError("argument '" + argName + "': table " + t.sql() + " has no column " + describe(arg)
                    + "; describe_table lists its columns", Map.of("argument", argName));
        }
        return found;
    }

    /** Whether {@code t} has the column named exactly {@code stored}. */
    public static boolean hasColumn(Connection c, TableName t, String stored) throws SQLException {
        return lookupColumn(c, t, stored) != null;
    }

    private static TableName lookup(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname, r.relname, CAST(r.relkind AS text)
                  FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
                 WHERE r.oid = pg_catalog.to_regclass(CAST(? AS text))""")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new TableName(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    private static String lookupColumn(Connection c, TableName t, String stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname FROM pg_catalog.pg_attribute a
                  JOIN pg_catalog.pg_class r ON r.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
                 WHERE n.nspname = ? AND r.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            ps.setString(3, stored);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** {@code name} or {@code schema.name} written as plain SQL identifiers (no quotes). */
    private static boolean isSqlName(String arg) {
        List<Token> sig = significant(arg);
        if (sig.size() != 1 && !(sig.size() == 3 && sig.get(1).is(TokenType.DOT))) return false;
        for (int i = 0; i < sig.size(); i += 2) if (!sig.get(i).is(TokenType.IDENTIFIER)) return false;
        return true;
    }

    private static boolean isIdentifier(Token t) {
        return !t.unterminated() && (t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER));
    }

    private static List<Token> significant(String text) {
        return Lexer.tokenize(text).stream().filter(t -> !t.is(TokenType.WHITESPACE)).toList();
    }

    private static ToolError notAName(String argName, String arg) {
        return new ToolError("argument '" + argName + "' must name one table: table or schema.table (quote a part with \"...\" "
                + "when it has capitals or special characters), not " + describe(arg), Map.of("argument", argName));
    }

    /** An argument shown back briefly (it may be long or hostile). */
    static String describe(String arg) {
        String s = arg.length() > 60 ? arg.substring(0, 60) + "..." : arg;
        return "'" + s.replace('\n', ' ') + "'";
    }
}

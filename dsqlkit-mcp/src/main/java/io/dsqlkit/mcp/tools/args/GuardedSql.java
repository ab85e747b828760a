package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.mcp.db.BoundSql;
import io.dsqlkit.mcp.db.StatementGuard;
import io.dsqlkit.mcp.db.TenantGuard;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.SqlText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statements tools build from arguments pass the same guards as agents' own SQL: the statement
 * guard (one statement; for reads a plain read with allowed functions; for writes allowed functions)
 * and, when the call is bound to a tenant, the tenant guard's plan check. Call {@link #checkRead}
 * inside the read-only block the statement will run in.
 */
public final class GuardedSql {
    private GuardedSql() {}

    /** {@code sql} ($1.. bound to {@code params}) checked as the query tool checks a read. */
    public static Statement checkRead(ToolContext ctx, Connection c, String sql, List<Object> params) throws SQLException {
        Statement s = StatementGuard.single(sql);
        StatementGuard.requireRead(c, s); // text checks, then the catalog's function allowlist (before anything is planned)
        checkTenantPlan(ctx, c, s, params);
        return s;
    }

    /** The tenant guard's plan check of {@code s} (EXPLAIN only, nothing runs); a no-op without a tenant. */
    public static void checkTenantPlan(ToolContext ctx, Connection c, Statement s, List<Object> params) throws SQLException {
        if (ctx.tenant() == null) return;
        new TenantGuard(tenantColumn(ctx), ctx.tenant()).check(c, s, BoundSql.of(s, params));
    }

    /** A write statement checked as execute checks one: one statement, no refused function. */
    public static Statement checkWrite(String sql) {
        Statement s = StatementGuard.single(sql);
        StatementGuard.checkFunctions(s, false);
        return s;
    }

    /**
     * Plans {@code s} without running it ({@code EXPLAIN}, allowed in a read-only transaction even for
     * writes): a statement the database would not accept fails here, before any change is made.
     */
    public static void plan(Connection c, Statement s, List<Object> params) throws SQLException {
        BoundSql b = BoundSql.of(s, params);
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + b.jdbcSql())) {
            b.bind(ps);
            ps.executeQuery().close();
        }
    }

    /** The tenant column as the tenant guard compares it (as stored, lower case). */
    public static String tenantColumn(ToolContext ctx) {
        return ctx.settings().tenantColumn().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code alias.tenant_column = <placeholder>} ({@code $1}, or JDBC's {@code ?}) when {@code t} has the tenant column and the call is bound to a
     * tenant; null when the call has no tenant or the table is not tenant-scoped and {@code required} is false.
     */
    public static String tenantCondition(ToolContext ctx, Connection c, TableName t, String alias, String placeholder,
                                         boolean required)
            throws SQLException {
        if (ctx.tenant() == null) return null;
        String col = tenantColumn(ctx);
        if (!CatalogNames.hasColumn(c, t, col)) {
            if (!required) return null;
            throw new ToolError("refused by tenant scope (" + col + " = '" + ctx.tenant() + "'): table " + t.sql() + " has no "
                    + col + " column, so its rows cannot be limited to the tenant", Map.of("tenantColumn", col));
        }
        return (alias == null ? "" : alias + ".") + SqlText.quoteIdentifierIfNeeded(col) + " = " + placeholder;
    }
}

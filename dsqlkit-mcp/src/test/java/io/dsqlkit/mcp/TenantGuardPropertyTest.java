package io.dsqlkit.mcp;

import io.dsqlkit.mcp.db.BoundSql;
import io.dsqlkit.mcp.db.Refusal;
import io.dsqlkit.mcp.db.StatementGuard;
import io.dsqlkit.mcp.db.TenantGuard;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tenant guard never approves a statement that returns another tenant's rows. Statements are
 * generated with quoted aliases full of quotes, dollar signs, backslashes and non-ASCII letters
 * (plain {@code "..."} and {@code U&"..."} spellings), literals in every quoting style, and
 * conditions that do or do not pin the tenant; each one is sent to the query tool of a server
 * bound to tenant t1 AND run for real without any guard. Approved means the unguarded run shows no
 * row of tenant t2.
 */
class TenantGuardPropertyTest {
    static final ToolAdapter T1 = TestDatabase.adapter(ServerSettings.defaults(false).withTenant("t1"));
    static final String O = SharedDsqlLocal.uniqueName("prop_orders");
    static final String I = SharedDsqlLocal.uniqueName("prop_items");
    static final String T2_NOTE = " AND tenant_id = 't1'";

    @BeforeContainer
    static void schema() throws SQLException {
        TestDatabase.admin(
                "CREATE TABLE " + O + " (id int PRIMARY KEY, tenant_id text NOT NULL, secret text, note text)",
                "INSERT INTO " + O + " VALUES (1, 't1', 'secret-t1', 'n1'), (2, 't2', 'secret-t2', " + quote(T2_NOTE) + "), "
                        + "(3, 't2', 'secret-t2b', 't1')",
                "CREATE TABLE " + I + " (id int PRIMARY KEY, tenant_id text NOT NULL, order_id int, secret text)",
                "INSERT INTO " + I + " VALUES (1, 't1', 1, 'secret-t1-item'), (2, 't2', 2, 'secret-t2-item'), (3, 't2', 1, 'secret-t2-x')");
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Provide
    Arbitrary<String> aliases() {
        Arbitrary<String> raw = Arbitraries.strings().withChars("aqz'\"$\\é_ß (=)-;").ofMinLength(1).ofMaxLength(7)
                .filter(s -> !s.isBlank());
        return Combinators.combine(raw, Arbitraries.of(true, false)).as((s, unicode) -> unicode ? unicodeIdent(s) : "\"" + s.replace("\"", "\"\"") + "\"");
    }

    /** {@code U&"..."} with every character as a \XXXX escape (the default escape character). */
    static String unicodeIdent(String s) {
        StringBuilder b = new StringBuilder("U&\"");
        for (char c : s.toCharArray()) b.append(String.format("\\%04x", (int) c));
        return b.append('"').toString();
    }

    @Provide
    Arbitrary<String> literals() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("t1", "t2", "n1", T2_NOTE, "t1' OR '1'='1", "$$", "\\'", "é"),
                Arbitraries.strings().withChars("t12' $\\\"AND").ofMaxLength(6));
        return Combinators.combine(value, Arbitraries.integers().between(0, 2)).as((v, style) -> switch (style) {
            case 0 -> quote(v);
            case 1 -> v.contains("$q$") || v.endsWith("$") ? quote(v) : "$q$" + v + "$q$";
            default -> "E'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
        });
    }

    @Provide
    Arbitrary<Integer> shapes() {
        return Arbitraries.integers().between(0, 13);
    }

    static String statement(int shape, String a, String b, String lit) {
        String from = " FROM " + O + " " + a + " ";
        return switch (shape) {
            case 0 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id = 't1'";
            case 1 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id = 't1' OR " + a + ".note = " + lit;
            case 2 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".note = " + lit + " OR " + a + ".tenant_id = 't1'";
            case 3 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id = 't1' AND " + a + ".note <> " + lit;
            case 4 -> "SELECT " + a + ".secret" + from + "WHERE (" + a + ".tenant_id = 't1') = (" + a + ".note = " + lit + ")";
            case 5 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id = " + lit;
            case 6 -> "SELECT " + a + ".secret" + from + "WHERE NOT (" + a + ".tenant_id <> 't1') OR " + a + ".note = " + lit;
            case 7 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id IN ('t1', " + lit + ")";
            case 8 -> "SELECT " + a + ".secret" + from + "WHERE CASE WHEN " + a + ".note = " + lit + " THEN true ELSE " + a + ".tenant_id = 't1' END";
            case 9 -> "SELECT " + a + ".secret" + from + "WHERE " + a + ".tenant_id = 't1' AND (" + a + ".note = " + lit + " OR true)";
            case 10 -> "SELECT " + b + ".secret" + from + "JOIN " + I + " " + b + " ON " + b + ".order_id = " + a + ".id AND "
                    + b + ".tenant_id = " + a + ".tenant_id WHERE " + a + ".tenant_id = 't1'";
            case 11 -> "SELECT " + b + ".secret" + from + "JOIN " + I + " " + b + " ON " + b + ".order_id = " + a + ".id AND ("
                    + b + ".tenant_id = " + a + ".tenant_id OR " + b + ".secret <> " + lit + ") WHERE " + a + ".tenant_id = 't1'";
            case 12 -> "SELECT (SELECT max(" + b + ".secret) FROM " + I + " " + b + " WHERE " + b + ".tenant_id = " + a + ".tenant_id)"
                    + from + "WHERE " + a + ".tenant_id = 't1'";
            default -> "SELECT (SELECT max(" + b + ".secret) FROM " + I + " " + b + " WHERE " + a + ".tenant_id = 't1' OR "
                    + b + ".secret = " + lit + ")" + from + "WHERE " + a + ".tenant_id = 't1'";
        };
    }

    @Property(tries = 120)
    void neverApprovesAStatementThatReturnsAnotherTenantsRows(@ForAll("shapes") int shape, @ForAll("aliases") String a,
                                                               @ForAll("aliases") String b, @ForAll("literals") String lit) throws SQLException {
        if (a.equals(b)) b = b.substring(0, b.length() - 1) + "x\"";
        String sql = statement(shape, a, b, lit);
        McpSchema.CallToolResult r = TestDatabase.call(T1, "query", Map.of("sql", sql));
        boolean approved = !Boolean.TRUE.equals(r.isError());
        Statistics.collect(approved ? "approved" : "refused");
        if (!approved) return;
        assertThat(r.toString()).as(sql).doesNotContain("secret-t2");
        assertThat(unguarded(sql)).as("approved, but run without the guard it returns tenant t2's rows: " + sql)
                .doesNotContain("secret-t2");
    }

    /** Everything the statement returns, run directly (autocommit, no guard). Errors return nothing. */
    static String unguarded(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = TestDatabase.connect(); var st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) for (int i = 1; i <= n; i++) out.append(rs.getString(i)).append('|');
            } catch (SQLException e) {
                return "";
            }
        }
        return out.toString();
    }

    @Example
    void legitimateShapesAreApproved() {
        for (int shape : new int[] {0, 3, 9, 10, 12}) {
            String sql = statement(shape, "\"q'\"", "U&\"\\0071\\0027x\"", "'n1'");
            McpSchema.CallToolResult r = TestDatabase.call(T1, "query", Map.of("sql", sql));
            assertThat(r.isError()).as(sql + " -> " + r).isFalse();
        }
    }

    /** Defence in depth: the tenant guard alone (without the function guard in front) refuses a Function Scan of a user function. */
    @Example
    void functionScansOfUserFunctionsAreRefusedByThePlanCheckAlone() throws Exception {
        String fn = SharedDsqlLocal.uniqueName("prop_rows");
        try (Connection su = SharedDsqlLocal.get().postgres().connect(); var st = su.createStatement()) {
            st.execute("CREATE FUNCTION " + fn + "() RETURNS SETOF " + O + " LANGUAGE sql VOLATILE AS $$ SELECT * FROM " + O + " $$");
            st.execute("GRANT EXECUTE ON FUNCTION " + fn + "() TO PUBLIC");
        }
        for (String sql : List.of("SELECT * FROM " + fn + "() r WHERE r.tenant_id = 't1'",
                "SELECT o.secret FROM " + O + " o JOIN " + fn + "() r ON r.id = o.id WHERE o.tenant_id = 't1'")) {
            Statement s = StatementGuard.single(sql);
            try (Connection c = TestDatabase.connect()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                assertThatThrownBy(() -> new TenantGuard("tenant_id", "t1").check(c, s, BoundSql.of(s, List.of())))
                        .isInstanceOf(Refusal.class).hasMessageContaining("Function Scan");
                c.rollback();
            }
        }
    }
}

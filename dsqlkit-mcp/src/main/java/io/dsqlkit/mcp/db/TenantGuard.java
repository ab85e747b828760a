package io.dsqlkit.mcp.db;

import io.dsqlkit.client.CatalogService;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tenant scoping decided from what the statement means, not from its text: the planner's
 * {@code EXPLAIN (VERBOSE, FORMAT JSON)} with the call's parameters bound shows every table the
 * statement reads or writes, and the conditions applied to each scan. Every scan of a table that
 * has the tenant column must carry {@code tenant_column = <bound tenant>} as a top-level conjunct of
 * its filter or index condition; every row an INSERT writes must carry the bound tenant. Anything
 * the check cannot prove (DDL, multi-row VALUES, ON CONFLICT DO UPDATE, assigning the tenant
 * column, plan shapes it does not know) is refused with the reason.
 */
public final class TenantGuard {
    private final String column;
    private final String tenant;

    public TenantGuard(String column, String tenant) {
        this.column = column.toLowerCase(Locale.ROOT);
        this.tenant = tenant;
    }

    public void check(Connection c, Statement s, BoundSql b) throws SQLException {
        if (s.category() != StatementCategory.QUERY && s.category() != StatementCategory.DML) {
            throw refuse(s.kind() + " cannot be checked against the tenant scope (only queries and INSERT/UPDATE/DELETE can)");
        }
        if (s.kind().equals("SHOW")) return;
        checkAssignments(s);
        Map<String, Object> plan = explain(c, b);
        List<String> problems = new ArrayList<>();
        walk(c, plan, null, problems, b, new HashMap<>());
        if (!problems.isEmpty()) throw refuse(String.join("; ", problems));
    }

    private ToolError refuse(String why) {
        return new ToolError("refused by tenant scope (" + column + " = '" + tenant + "'): " + why
                + ". Every statement must restrict each tenant-scoped table with " + column + " = $n bound to the tenant.",
                Map.of("tenantColumn", column, "reason", why));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> explain(Connection c, BoundSql b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (VERBOSE, FORMAT JSON) " + b.jdbcSql())) {
            // An unnamed statement gets a custom plan: bound values appear as constants in the conditions.
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            b.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Object> arr = ToolResults.mapper().readValue(rs.getString(1), List.class);
                return (Map<String, Object>) ((Map<String, Object>) arr.get(0)).get("Plan");
            } catch (java.io.IOException e) {
                throw new SQLException("could not read the plan: " + e.getMessage(), e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void walk(Connection c, Map<String, Object> node, Map<String, Object> parent, List<String> problems, BoundSql b,
                      Map<String, Integer> tenantAttnum) throws SQLException {
        String relation = (String) node.get("Relation Name");
        String nodeType = String.valueOf(node.get("Node Type"));
        if (relation != null) {
            String schema = node.get("Schema") == null ? "public" : (String) node.get("Schema");
            Integer attnum = tenantAttnum.get(schema + "." + relation);
            if (attnum == null) {
                attnum = attnum(c, schema, relation);
                tenantAttnum.put(schema + "." + relation, attnum);
            }
            if (attnum > 0) {
                if (nodeType.equals("ModifyTable")) {
                    checkModify(node, attnum, schema + "." + relation, problems, b);
                } else if (!scanRestricted(node, b)) {
                    problems.add("the scan of " + schema + "." + relation + " (" + nodeType + ") is not restricted to the tenant");
                }
            }
        }
        Object children = node.get("Plans");
        if (children instanceof List<?> l) {
            for (Object ch : l) walk(c, (Map<String, Object>) ch, node, problems, b, tenantAttnum);
        }
    }

    /** attnum of the tenant column in the table, or 0 when the table has no such column. */
    private int attnum(Connection c, String schema, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attnum FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class r ON r.oid = a.attrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
                WHERE n.nspname = ? AND r.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setString(1, schema);
            ps.setString(2, relation);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkModify(Map<String, Object> node, int attnum, String table, List<String> problems, BoundSql b) {
        String op = String.valueOf(node.get("Operation"));
        if (node.containsKey("Conflict Resolution") && "UPDATE".equalsIgnoreCase(String.valueOf(node.get("Conflict Resolution")))) {
            problems.add("INSERT ... ON CONFLICT DO UPDATE into " + table + " could update another tenant's conflicting row");
            return;
        }
        if (!op.equals("Insert")) return; // UPDATE/DELETE: their scans are checked as scans
        List<Object> plans = (List<Object>) node.get("Plans");
        Map<String, Object> child = plans == null || plans.isEmpty() ? null : (Map<String, Object>) plans.get(0);
        if (child == null || !"Result".equals(child.get("Node Type")) || child.containsKey("Plans")) {
            problems.add("cannot verify the " + column + " of rows inserted into " + table
                    + " (insert one row per statement with VALUES, e.g. via transact)");
            return;
        }
        List<Object> output = (List<Object>) child.get("Output");
        if (output == null || output.size() < attnum || !isTenantConstant(String.valueOf(output.get(attnum - 1)), b)) {
            problems.add("the row inserted into " + table + " does not set " + column + " to the tenant");
        }
    }

    @SuppressWarnings("unchecked")
    private boolean scanRestricted(Map<String, Object> node, BoundSql b) {
        List<String> conditions = new ArrayList<>();
        collectConditions(node, conditions, true);
        for (String cond : conditions) {
            for (String conjunct : conjuncts(cond)) if (isTenantEquality(conjunct, b)) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void collectConditions(Map<String, Object> node, List<String> out, boolean self) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if ((k.contains("cond") || k.contains("filter")) && !k.contains("join") && e.getValue() instanceof String s) out.add(s);
        }
        // Bitmap Index Scan children (no relation of their own) carry the index condition of a Bitmap Heap Scan.
        if (node.get("Plans") instanceof List<?> l) {
            for (Object ch : l) {
                Map<String, Object> m = (Map<String, Object>) ch;
                if (!m.containsKey("Relation Name") && String.valueOf(m.get("Node Type")).startsWith("Bitmap")) collectConditions(m, out, false);
            }
        }
    }

    /** Top-level AND conjuncts of a deparsed condition, e.g. "((a = 1) AND (b = 2))" -> ["a = 1", "b = 2"]. */
    static List<String> conjuncts(String cond) {
        String s = stripParens(cond.trim());
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && s.startsWith(" AND ", i)) {
                out.add(stripParens(s.substring(start, i).trim()));
                start = i + 5;
                i += 4;
            }
        }
        out.add(stripParens(s.substring(start).trim()));
        return out;
    }

    private static String stripParens(String s) {
        while (s.startsWith("(") && s.endsWith(")") && matchingClose(s) == s.length() - 1) s = s.substring(1, s.length() - 1).trim();
        return s;
    }

    private static int matchingClose(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static final Pattern CAST_SUFFIX = Pattern.compile("(::[a-z_ \"0-9.()\\[\\]]+)+$");

    boolean isTenantEquality(String conjunct, BoundSql b) {
        int eq = topLevelEquals(conjunct);
        if (eq < 0) return false;
        String left = stripParens(conjunct.substring(0, eq).trim());
        String right = stripParens(conjunct.substring(eq + 1).trim());
        return (isTenantColumn(left) && isTenantConstant(right, b)) || (isTenantColumn(right) && isTenantConstant(left, b));
    }

    private static int topLevelEquals(String s) {
        int depth = 0;
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == '=' && i > 0 && s.charAt(i - 1) == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                if (found >= 0) return -1; // more than one operator: not a simple equality
                found = i;
            }
        }
        return found;
    }

    private boolean isTenantColumn(String expr) {
        String e = stripParens(CAST_SUFFIX.matcher(expr).replaceFirst(""));
        e = stripParens(e);
        String last = e.contains(".") ? e.substring(e.lastIndexOf('.') + 1) : e;
        if (last.startsWith("\"") && last.endsWith("\"")) last = last.substring(1, last.length() - 1).replace("\"\"", "\"");
        // the qualifier must be a plain alias, not an expression
        String qualifier = e.contains(".") ? e.substring(0, e.lastIndexOf('.')) : "";
        if (!qualifier.isEmpty() && !qualifier.matches("[A-Za-z_][A-Za-z0-9_$]*|\"([^\"]|\"\")+\"|\\*[A-Za-z_]+\\*")) return false;
        return last.equals(column);
    }

    boolean isTenantConstant(String expr, BoundSql b) {
        String e = stripParens(expr.trim());
        String noCast = stripParens(CAST_SUFFIX.matcher(e).replaceFirst("").trim());
        if (noCast.startsWith("'") && noCast.endsWith("'") && noCast.length() >= 2) {
            return noCast.substring(1, noCast.length() - 1).replace("''", "'").equals(tenant);
        }
        if (noCast.matches("\\$\\d+")) {
            int n = Integer.parseInt(noCast.substring(1));
            return n >= 1 && n <= b.values().size() && tenant.equals(BoundSql.text(b.values().get(n - 1)));
        }
        return noCast.matches("-?\\d+") && noCast.equals(tenant);
    }

    /** Refuses UPDATE ... SET tenant_column = ... (moving rows to another tenant cannot be verified). */
    private void checkAssignments(Statement s) {
        List<Token> sig = s.significant();
        for (int i = 0; i < sig.size(); i++) {
            if (!sig.get(i).isKeyword("SET")) continue;
            int depth = 0;
            for (int j = i + 1; j < sig.size(); j++) {
                Token t = sig.get(j);
                if (t.is(TokenType.LPAREN)) depth++;
                else if (t.is(TokenType.RPAREN)) depth--;
                else if (depth == 0 && t.isAnyKeyword("WHERE", "FROM", "RETURNING")) break;
                else if ((t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER)) && depth <= 1
                        && t.identifierValue().equals(column) && j + 1 < sig.size()
                        && (sig.get(j + 1).text().equals("=") || sig.get(j + 1).is(TokenType.COMMA) || sig.get(j + 1).is(TokenType.RPAREN))
                        && (sig.get(j - 1).isKeyword("SET") || sig.get(j - 1).is(TokenType.COMMA) || sig.get(j - 1).is(TokenType.LPAREN))) {
                    throw refuse("the statement assigns " + column + " (moving rows between tenants is not allowed)");
                }
            }
        }
    }
}

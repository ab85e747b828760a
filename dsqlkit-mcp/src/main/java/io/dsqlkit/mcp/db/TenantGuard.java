package io.dsqlkit.mcp.db;

import io.dsqlkit.client.CatalogService;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tenant scoping decided from what the statement means, not from its text: the planner's
 * {@code EXPLAIN (VERBOSE, FORMAT JSON)} with the call's parameters bound shows every table the
 * statement reads or writes, and the conditions applied to each scan (read with the real lexer,
 * {@link PlanCondition}). Every scan of a table that has the tenant column must be proved: a
 * top-level conjunct {@code tenant_column = <bound tenant>} at the scan, or {@code tenant_column =
 * X.tenant_column} where X is a scan already proved (transitive equality through joins and
 * correlated subqueries). Every row an INSERT writes must carry the bound tenant. Anything the check
 * cannot prove (DDL, multi-row VALUES, ON CONFLICT DO UPDATE, assigning the tenant column, Function
 * Scans of anything but allowlisted built-ins, relations that are not tables, plan nodes it does not
 * know) is refused with the reason.
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
        if (s.category() == StatementCategory.DML) FunctionGuard.checkWrite(c, s); // reads were checked before planning
        Map<String, Object> plan = explain(c, b);
        List<String> problems = new ArrayList<>();
        prove(c, plan, problems, b);
        if (!problems.isEmpty()) throw refuse(String.join("; ", problems));
    }

    private Refusal refuse(String why) {
        return new Refusal("refused by tenant scope (" + column + " = '" + tenant + "'): " + why
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

    /** Plan nodes whose rows come only from their children (checked in turn) or from constants. */
    private static final Set<String> KNOWN_NODES = Set.of(
            "Result", "ProjectSet", "ModifyTable", "Append", "Merge Append", "Recursive Union", "BitmapAnd", "BitmapOr",
            "Nested Loop", "Merge Join", "Hash Join", "Seq Scan", "Sample Scan", "Index Scan", "Index Only Scan",
            "Bitmap Index Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan", "Subquery Scan", "Table Function Scan",
            "Values Scan", "CTE Scan", "WorkTable Scan", "Materialize", "Memoize", "Sort", "Incremental Sort", "Group",
            "Aggregate", "WindowAgg", "Unique", "Gather", "Gather Merge", "Hash", "SetOp", "LockRows", "Limit");
    /** Relation kinds a scan may read: tables, partitioned tables, materialized views, sequences, TOAST. */
    private static final Set<String> READABLE_KINDS = Set.of("r", "p", "m", "S", "t");

    /** One relation scan (or write target) of the plan, by its unique alias. */
    private record Scan(Map<String, Object> node, String relation, String alias, boolean modify) {}

    /**
     * The proof: every scan of a tenant table carries {@code tenant = <bound tenant>} at the scan itself,
     * or {@code tenant = X.tenant} where X is another scan already proved (transitive equality through
     * joins and correlated subqueries: X's rows all belong to the tenant, so X.tenant is the tenant).
     * EXPLAIN gives every range table entry a unique alias across the whole plan, so X is unambiguous.
     * Every other node must be one whose rows come from checked children; a Function Scan only of
     * allowlisted built-ins (which read no tables); anything else is refused.
     */
    @SuppressWarnings("unchecked")
    private void prove(Connection c, Map<String, Object> root, List<String> problems, BoundSql b) throws SQLException {
        List<Scan> scans = new ArrayList<>();
        collect(root, scans, problems, false);
        Map<String, String[]> kinds = relationInfo(c, scans);
        List<Scan> pending = new ArrayList<>();
        for (Scan sc : scans) {
            String[] info = kinds.get(sc.relation);
            if (info == null) {
                problems.add("relation " + sc.relation + " could not be found in the catalog");
            } else if (!READABLE_KINDS.contains(info[0])) {
                problems.add(sc.relation + " is a relation of kind '" + info[0] + "' (not a table) that the check cannot see into");
            } else if (Integer.parseInt(info[1]) > 0) {
                if (sc.modify) checkModify(sc.node, Integer.parseInt(info[1]), sc.relation, problems, b);
                else pending.add(sc);
            }
        }
        List<Scan> proved = new ArrayList<>();
        Set<String> tenantValued = new HashSet<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Scan sc = it.next();
                if (restricted(sc, b, tenantValued)) {
                    proved.add(sc);
                    it.remove();
                    progress = true;
                }
            }
            // X.tenant is the tenant only when EVERY scan under alias X is proved
            tenantValued.clear();
            for (Scan sc : proved) if (sc.alias != null) tenantValued.add(sc.alias);
            for (Scan sc : pending) tenantValued.remove(sc.alias);
        }
        for (Scan sc : pending) {
            problems.add("the scan of " + sc.relation + " (" + sc.node.get("Node Type") + ") is not restricted to the tenant");
        }
    }

    /**
     * @param accessPath true below a relation scan, outside its subplans: nodes there (PostgreSQL's Bitmap
     *                   Index Scans, DSQL's storage-layer nodes) fetch that relation's rows for it
     */
    @SuppressWarnings("unchecked")
    private void collect(Map<String, Object> node, List<Scan> scans, List<String> problems, boolean accessPath) {
        String nodeType = String.valueOf(node.get("Node Type"));
        String relation = (String) node.get("Relation Name");
        boolean childrenAccessPath = accessPath;
        if (relation != null) {
            String schema = node.get("Schema") == null ? "public" : (String) node.get("Schema");
            scans.add(new Scan(node, schema + "." + relation, (String) node.get("Alias"), nodeType.equals("ModifyTable")));
            childrenAccessPath = !nodeType.equals("ModifyTable");
        } else if (nodeType.equals("Function Scan")) {
            checkFunctionScan(node, problems);
        } else if (!KNOWN_NODES.contains(nodeType) && !accessPath) {
            problems.add("the plan has a " + nodeType + " node, which the tenant check cannot see into");
        }
        if (node.get("Plans") instanceof List<?> l) {
            for (Object ch : l) {
                Map<String, Object> m = (Map<String, Object>) ch;
                collect(m, scans, problems, childrenAccessPath && !isSubplan(m));
            }
        }
    }

    private static boolean isSubplan(Map<String, Object> node) {
        Object rel = node.get("Parent Relationship");
        return "InitPlan".equals(rel) || "SubPlan".equals(rel);
    }

    /** A Function Scan reads what the function reads: allowed only for allowlisted built-ins (which read no tables). */
    private static void checkFunctionScan(Map<String, Object> node, List<String> problems) {
        String call = String.valueOf(node.get("Function Call"));
        List<Token> t = PlanCondition.tokens(call);
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!(t.get(i).is(TokenType.IDENTIFIER) || t.get(i).is(TokenType.QUOTED_IDENTIFIER)) || !t.get(i + 1).is(TokenType.LPAREN)) continue;
            boolean qualifiedElsewhere = i >= 2 && t.get(i - 1).is(TokenType.DOT) && !t.get(i - 2).identifierValue().equals("pg_catalog");
            String name = t.get(i).identifierValue();
            if (qualifiedElsewhere || !FunctionAllowlist.allows(name)) {
                problems.add("the plan reads rows from function " + name + "() (a Function Scan), which could read any tenant's rows");
                return;
            }
        }
    }

    /** relkind and tenant-column attnum (0 when none) of every scanned relation, in one query. */
    private Map<String, String[]> relationInfo(Connection c, List<Scan> scans) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        if (scans.isEmpty()) return out;
        List<String> schemas = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Scan sc : scans) {
            int dot = sc.relation.indexOf('.');
            schemas.add(sc.relation.substring(0, dot));
            names.add(sc.relation.substring(dot + 1));
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname::text || '.' || r.relname::text, r.relkind::text, coalesce(a.attnum, 0)
                FROM unnest(?::text[], ?::text[]) AS x(s, n)
                JOIN pg_catalog.pg_namespace n ON n.nspname = x.s
                JOIN pg_catalog.pg_class r ON r.relnamespace = n.oid AND r.relname = x.n
                LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
            }
        }
        return out;
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
        if (output == null || output.size() < attnum
                || !isTenantConstant(PlanCondition.strip(PlanCondition.tokens(String.valueOf(output.get(attnum - 1)))), b)) {
            problems.add("the row inserted into " + table + " does not set " + column + " to the tenant");
        }
    }

    /** Whether one top-level conjunct of the scan's own conditions pins its tenant column. */
    private boolean restricted(Scan sc, BoundSql b, Set<String> tenantValued) {
        List<String> conditions = new ArrayList<>();
        collectConditions(sc.node, conditions);
        for (String cond : conditions) {
            for (List<Token> conjunct : PlanCondition.conjuncts(PlanCondition.tokens(cond))) {
                List<List<Token>> eq = PlanCondition.equality(conjunct);
                if (eq == null) continue;
                for (int side = 0; side < 2; side++) {
                    if (!isOwnTenantColumn(eq.get(side), sc.alias)) continue;
                    List<Token> other = eq.get(1 - side);
                    if (isTenantConstant(other, b)) return true;
                    String[] ref = PlanCondition.columnRef(other);
                    if (ref != null && ref[0] != null && !ref[0].equals(sc.alias) && ref[1].equals(column)
                            && tenantValued.contains(ref[0])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void collectConditions(Map<String, Object> node, List<String> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if ((k.contains("cond") || k.contains("filter")) && !k.contains("join") && !k.startsWith("rows removed")
                    && e.getValue() instanceof String s) {
                out.add(s);
            }
        }
        // A Bitmap Heap Scan's index conditions are in its Bitmap Index Scans, which are conjuncts when reached
        // directly or through BitmapAnd. Never through BitmapOr (one branch of an OR proves nothing), and never
        // from nodes whose semantics are unknown (DSQL's storage nodes): the proof must not rest on them.
        if (node.get("Plans") instanceof List<?> l) {
            for (Object ch : l) {
                Map<String, Object> m = (Map<String, Object>) ch;
                String type = String.valueOf(m.get("Node Type"));
                if (!m.containsKey("Relation Name") && !isSubplan(m) && (type.equals("Bitmap Index Scan") || type.equals("BitmapAnd"))) {
                    collectConditions(m, out);
                }
            }
        }
    }

    /** The scan's own tenant column: unqualified, or qualified by the scan's own alias (never an outer row's). */
    private boolean isOwnTenantColumn(List<Token> expr, String alias) {
        String[] ref = PlanCondition.columnRef(expr);
        if (ref == null || !ref[1].equals(column)) return false;
        return ref[0] == null || ref[0].equals(alias);
    }

    boolean isTenantConstant(List<Token> expr, BoundSql b) {
        Token t = PlanCondition.constant(expr);
        if (t == null) return false;
        if (t.is(TokenType.STRING)) return PlanCondition.stringValue(t).equals(tenant);
        if (t.is(TokenType.PARAMETER)) {
            int n;
            try {
                n = Integer.parseInt(t.text().substring(1));
            } catch (NumberFormatException e) {
                return false;
            }
            return n >= 1 && n <= b.values().size() && tenant.equals(BoundSql.text(b.values().get(n - 1)));
        }
        return t.text().equals(tenant);
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

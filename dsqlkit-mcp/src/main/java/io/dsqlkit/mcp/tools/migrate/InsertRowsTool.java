package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.mcp.tools.args.CatalogNames;
import io.dsqlkit.mcp.tools.args.GuardedSql;
import io.dsqlkit.mcp.tools.args.TableName;
import io.dsqlkit.migrate.load.InputRecord;
import io.dsqlkit.migrate.load.LoadFormat;
import io.dsqlkit.migrate.load.LoadInputChanged;
import io.dsqlkit.migrate.load.LoadManifest;
import io.dsqlkit.migrate.load.LoadReport;
import io.dsqlkit.migrate.load.LoadSpec;
import io.dsqlkit.migrate.load.Loader;
import io.dsqlkit.migrate.load.RecordReader;
import io.dsqlkit.migrate.load.TargetColumn;
import io.modelcontextprotocol.spec.McpSchema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code insert_rows}: many rows into one table, correctly under DSQL's limits. Built on the bulk
 * loader of {@code dsqlkit load} ({@link Loader}): batches of at most 2,999 rows and about 4 MiB,
 * each one transaction together with its manifest row (3,000 rows in all), OCC retry per batch, a
 * batch that fails on a limit halved, one that fails on bad data bisected down to the bad rows
 * (reported with their position and the server's reason). Committed batches are recorded under a
 * {@code load_id}: calling again with the same rows (and load_id) inserts only what is missing; the
 * load id is bound to a hash of the table, columns and rows, so a call with other rows under it is refused.
 * <p>
 * No argument text reaches SQL: the table and columns are resolved through the catalog and values
 * travel as COPY data. Under a tenant the table must have the tenant column, every row must set it to
 * the bound tenant (checked for every row before anything is written), and load ids live in the
 * tenant's own namespace.
 */
public final class InsertRowsTool implements DsqlTool {
    static final int BATCH_ROWS = LoadSpec.MAX_ROWS;
    static final long BATCH_BYTES = LoadSpec.DEFAULT_BYTES;
    /** Rejected rows listed in the result (all are counted). */
    static final int MAX_LISTED_REJECTS = 50;

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("insert_rows").title("Insert many rows (batched)")
                .description("Insert any number of rows into one table. DSQL allows 3,000 changed rows and 10 MiB per "
                        + "transaction, so the rows go in batches of at most 2,999 rows and about 4 MiB, each its own "
                        + "transaction with OCC retry (a batch that hits a limit is halved). Rows DSQL refuses (bad values, "
                        + "duplicate keys) are reported with their position and reason; the others are inserted. Returns "
                        + "load_id and the rows done: if the call is interrupted, call again with the same rows (and load_id) "
                        + "and only the missing rows are inserted. rows: an array of arrays (values in the order of columns) "
                        + "or an array of objects (column: value; absent keys are NULL; leave a column out of columns and of "
                        + "every row to get its default). Objects and arrays as values go to json/jsonb columns as JSON. "
                        + "For UPDATE/DELETE over many rows use batch_execute. Needs a server started with --allow-writes.")
                .inputSchema(Schemas.object()
                        .string("table", "Table (schema.table allowed)", true)
                        .property("columns", Map.of("type", "array", "items", Map.of("type", "string"), "minItems", 1,
                                "description", "Target columns; required when rows are arrays (default for objects: their keys)"), false)
                        .property("rows", Map.of("type", "array", "minItems", 1, "description", "The rows: arrays of values "
                                + "in the order of columns, or objects keyed by column",
                                "items", Map.of("type", List.of("array", "object"))), true)
                        .string("load_id", "Resume an earlier call: the load_id it returned (default derived from table, "
                                + "columns and rows, so an identical call resumes)", false)
                        .string("tenant", "Tenant to scope this call to (when the server has no --tenant): every row must "
                                + "set the tenant column to it", false)
                        .build())
                .annotations(Annotations.write("Insert many rows (batched)", false, true))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String tableArg = a.requiredString("table");
        List<Object> rows = a.list("rows");
        if (rows == null || rows.isEmpty()) throw ToolError.badArgument("rows", "must be a non-empty array of rows");
        List<Object> columnsArg = a.list("columns");
        String loadIdArg = a.optionalString("load_id", null);
        if (loadIdArg != null && (loadIdArg.isBlank() || loadIdArg.length() > 200)) {
            throw ToolError.badArgument("load_id", "must be the load_id an earlier call returned (1 to 200 characters)");
        }
        MigrateToolSupport.requireWrites(ctx, "insert_rows");

        Target target = new SqlExecutor(ctx).inReadOnlyTransaction(c -> target(ctx, c, tableArg, columnsArg, rows));
        List<List<String>> values = values(target, rows);
        if (ctx.tenant() != null) checkTenant(ctx, target, values);

        String fingerprint = fingerprint(target, values);
        String loadId = MigrateToolSupport.scopedJobId(ctx, loadIdArg != null ? loadIdArg : defaultLoadId(target, fingerprint));
        LoadSpec spec = new LoadSpec(null, target.table().sql(), LoadFormat.CSV, false, target.columnNames(), BATCH_ROWS,
                BATCH_BYTES, 1, null, loadId);
        List<Map<String, Object>> rejected = new ArrayList<>();
        long[] rejectedCount = {0};
        Loader.Rejects sink = (line, reason, raw) -> {
            synchronized (rejected) {
                rejectedCount[0]++;
                if (rejected.size() < MAX_LISTED_REJECTS) rejected.add(Map.of("row", line - 1, "reason", reason));
            }
        };
        Loader loader = new Loader(io.dsqlkit.mcp.db.SessionHygiene.forWrites(ctx.database()), new LoadManifest(LoadManifest.TABLE), ctx.settings().occRetry());
        LoadReport r;
        try {
            r = loader.load(spec, fingerprint, reader(target.columnNames(), values), sink,
                    MigrateToolSupport.progress(ctx));
        } catch (SQLException e) {
            Map<String, Object> d = new LinkedHashMap<>(ToolAdapter.sqlDetails(e));
            d.put("load_id", loadId);
            d.put("rows_done", rowsDone(ctx, loadId));
            d.put("resume", "call insert_rows again with the same rows and this load_id: committed batches are not inserted twice");
            throw new ToolError(e.getMessage(), d);
        } catch (java.io.IOException e) {
            throw new ToolError("insert_rows failed: " + e.getMessage(), Map.of("load_id", loadId));
        } catch (LoadInputChanged e) {
            throw ToolError.badArgument("load_id", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ToolError.badArgument("columns", e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("load_id", loadId);
        m.put("rows_given", values.size());
        m.put("rows_done", r.loaded());
        m.put("rows_this_call", r.loadedThisRun());
        m.put("rows_already_done", r.skippedAlreadyLoaded());
        m.put("rows_rejected", r.rejected());
        if (!rejected.isEmpty()) {
            rejected.sort(java.util.Comparator.comparingLong(x -> ((Number) x.get("row")).longValue()));
            m.put("rejected", rejected);
            if (r.rejected() > rejected.size()) m.put("rejectedNote", "the first " + rejected.size() + " rejected rows are listed");
        }
        m.put("batches_max_rows", BATCH_ROWS);
        m.put("complete", r.loaded() + r.rejected() == values.size());
        if (ctx.tenant() == null) m.put("table_rows", r.tableRows()); // a count over every tenant: not shown under one
        return ToolResults.ok(m);
    }

    /** The table and its target columns as the catalog names them, with their types. */
    private record Target(TableName table, List<TargetColumn> columns, boolean objects) {
        List<String> columnNames() {
            return columns.stream().map(TargetColumn::name).toList();
        }
    }

    private static Target target(ToolContext ctx, Connection c, String tableArg, List<Object> columnsArg, List<Object> rows)
            throws SQLException {
        TableName t = CatalogNames.dataTable(c, tableArg, "table");
        boolean objects = rows.get(0) instanceof Map<?, ?>;
        for (int i = 0; i < rows.size(); i++) {
            Object row = rows.get(i);
            if (objects ? !(row instanceof Map<?, ?>) : !(row instanceof List<?>)) {
                throw ToolError.badArgument("rows", "row " + i + " is " + (row == null ? "null" : "a " + kind(row))
                        + "; give every row as an array, or every row as an object");
            }
        }
        List<String> names = new ArrayList<>();
        if (columnsArg != null) {
            for (Object o : columnsArg) {
                if (!(o instanceof String s) || s.isBlank()) throw ToolError.badArgument("columns", "must be an array of column names");
                names.add(s);
            }
        } else if (objects) {
            for (Object row : rows) {
                for (Object k : ((Map<?, ?>) row).keySet()) if (!names.contains(String.valueOf(k))) names.add(String.valueOf(k));
            }
            if (names.isEmpty()) throw ToolError.badArgument("rows", "the objects name no columns");
        } else {
            throw ToolError.badArgument("columns", "is required when rows are arrays (the column of each position)");
        }
        List<TargetColumn> tableColumns = TargetColumn.of(c, t.sql());
        List<TargetColumn> out = new ArrayList<>();
        for (String n : names) {
            String col = CatalogNames.column(c, t, n, columnsArg != null ? "columns" : "rows");
            TargetColumn tc = tableColumns.stream().filter(x -> x.name().equals(col)).findFirst().orElseThrow(() ->
                    ToolError.badArgument(columnsArg != null ? "columns" : "rows", "names the generated column " + col
                            + ", which cannot be inserted"));
            if (out.contains(tc)) throw ToolError.badArgument("columns", "names column " + col + " twice");
            out.add(tc);
        }
        if (ctx.tenant() != null) {
            GuardedSql.tenantCondition(ctx, c, t, null, "$1", true); // refuses tables without the tenant column
            String tc = GuardedSql.tenantColumn(ctx);
            if (out.stream().noneMatch(x -> x.name().equals(tc))) {
                throw new ToolError("refused by tenant scope (" + tc + " = '" + ctx.tenant() + "'): the rows do not set " + tc
                        + "; every row must set it to the tenant", Map.of("tenantColumn", tc));
            }
        }
        return new Target(t, out, objects);
    }

    /** Each row's values as text for COPY, in column order (null = SQL NULL). */
    private static List<List<String>> values(Target target, List<Object> rows) {
        List<String> names = target.columnNames();
        List<List<String>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> v = new ArrayList<>(names.size());
            if (target.objects()) {
                Map<?, ?> row = (Map<?, ?>) rows.get(i);
                for (Object k : row.keySet()) {
                    if (!containsColumn(target, String.valueOf(k))) {
                        throw ToolError.badArgument("rows", "row " + i + " has key '" + abbreviate(String.valueOf(k))
                                + "', which is not one of the columns " + names);
                    }
                }
                for (TargetColumn c : target.columns()) v.add(text(valueFor(row, c.name())));
            } else {
                List<?> row = (List<?>) rows.get(i);
                if (row.size() != names.size()) {
                    throw ToolError.badArgument("rows", "row " + i + " has " + row.size() + " values for " + names.size() + " columns");
                }
                for (int j = 0; j < names.size(); j++) v.add(text(row.get(j)));
            }
            out.add(v);
        }
        return out;
    }

    private static boolean containsColumn(Target target, String key) {
        return target.columns().stream().anyMatch(c -> c.name().equals(key) || c.name().equalsIgnoreCase(key));
    }

    /** The row's value for a column: its key as stored, else the one key that matches ignoring case. */
    private static Object valueFor(Map<?, ?> row, String column) {
        if (row.containsKey(column)) return row.get(column);
        for (Map.Entry<?, ?> e : row.entrySet()) if (String.valueOf(e.getKey()).equalsIgnoreCase(column)) return e.getValue();
        return null;
    }

    /** A JSON value as the text COPY reads: strings as they are, numbers exactly, objects and arrays as JSON. */
    static String text(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return s;
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) return v.toString();
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : BigDecimal.valueOf(d).toPlainString();
        }
        return ToolResults.json(v); // objects and arrays: JSON text, for json/jsonb columns (DSQL has no array columns)
    }

    /** Under a tenant: every row sets the tenant column to exactly the bound tenant, checked before anything is written. */
    private static void checkTenant(ToolContext ctx, Target target, List<List<String>> values) {
        String tc = GuardedSql.tenantColumn(ctx);
        int idx = target.columnNames().indexOf(tc);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).get(idx);
            if (!ctx.tenant().equals(v)) {
                throw new ToolError("refused by tenant scope (" + tc + " = '" + ctx.tenant() + "'): row " + i + " sets " + tc
                        + " to " + (v == null ? "NULL" : "'" + abbreviate(v) + "'") + "; every row must belong to the tenant. "
                        + "Nothing was inserted.", Map.of("tenantColumn", tc, "row", i));
            }
        }
    }

    private static RecordReader reader(List<String> columns, List<List<String>> values) {
        return new RecordReader() {
            private int next;

            @Override
            public List<String> columns() {
                return columns;
            }

            @Override
            public InputRecord next() {
                if (next >= values.size()) return null;
                List<String> v = values.get(next++);
                return new InputRecord(next, v, null, null); // line = position + 1
            }

            @Override
            public void close() {
            }
        };
    }

    /** Derived from the table, columns and every value (the fingerprint): an identical call resumes the same load. */
    private static String defaultLoadId(Target target, String fingerprint) {
        return "rows-" + target.table().name() + "-" + fingerprint.substring(0, 16);
    }

    /** SHA-256 (hex) of the table, the columns and every value: what a load id is bound to. */
    private static String fingerprint(Target target, List<List<String>> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(target.table().sql().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            for (String c : target.columnNames()) {
                md.update(c.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            for (List<String> row : values) {
                for (String v : row) {
                    if (v == null) md.update((byte) 1);
                    else {
                        md.update((byte) 2);
                        md.update(v.getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                    }
                }
                md.update((byte) 3);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long rowsDone(ToolContext ctx, String loadId) {
        try (Connection c = ctx.database().dataSource().getConnection()) {
            return new LoadManifest(LoadManifest.TABLE).loadedTotal(c, loadId);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String kind(Object o) {
        if (o instanceof Map<?, ?>) return "object";
        if (o instanceof List<?>) return "array";
        if (o instanceof String) return "string";
        return o instanceof Number ? "number" : o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

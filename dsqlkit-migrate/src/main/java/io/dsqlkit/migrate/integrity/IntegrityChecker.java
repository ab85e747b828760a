package io.dsqlkit.migrate.integrity;

import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.support.Sql;

import io.dsqlkit.sql.SqlText;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;

/**
 * Referential integrity for DSQL schemas, as the Aurora DSQL Power teaches: find orphans for
 * declared relationships, and delete parents only after checking (or deleting, in chunks under
 * the 3,000-row limit, which FK cascades also count against, dsql-facts §1.8) their dependents.
 */
public final class IntegrityChecker {
    private static final int MAX_DEPTH = 16;

    private final DataSource dataSource;
    private final List<Relationship> relationships;

    public IntegrityChecker(DataSource dataSource, List<Relationship> relationships) {
        this.dataSource = dataSource;
        this.relationships = List.copyOf(relationships);
    }

    public List<Relationship> relationships() {
        return relationships;
    }

    public List<Orphans> findOrphans(int sampleSize) throws SQLException {
        List<Orphans> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Relationship r : relationships) out.add(orphans(c, r, sampleSize));
        }
        return out;
    }

    private static Orphans orphans(Connection c, Relationship r, int sampleSize) throws SQLException {
        OrphanQueries q = orphanQueries(r, null, null, sampleSize);
        long count;
        try (PreparedStatement ps = c.prepareStatement(q.count()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
        }
        List<List<String>> sample = new ArrayList<>();
        if (count > 0 && sampleSize > 0) {
            try (PreparedStatement ps = c.prepareStatement(q.sample()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= r.columns().size(); i++) row.add(rs.getString(i));
                    sample.add(row);
                }
            }
        }
        return new Orphans(r, count, sample);
    }

    /**
     * The two reads behind {@link #findOrphans}: {@code count} (one row, one column) and {@code sample}
     * (the child columns as text, at most {@code sampleSize} distinct rows). The child table is aliased
     * {@code c} and the parent {@code p}; {@code childFilter} and {@code parentFilter} (may be null) are
     * extra conditions ANDed to each side, e.g. a tenant restriction with a placeholder the caller binds.
     * Names come from the relationship, quoted by {@link Sql}.
     */
    public record OrphanQueries(String count, String sample) {}

    public static OrphanQueries orphanQueries(Relationship r, String childFilter, String parentFilter, int sampleSize) {
        String from = " FROM " + Sql.qualified(r.child()) + " c WHERE " + r.columns().stream().map(x -> "c." + quoteIdentifierIfNeeded(x) + " IS NOT NULL")
                .collect(Collectors.joining(" AND ")) + (childFilter == null ? "" : " AND " + childFilter)
                + " AND NOT EXISTS (SELECT 1 FROM " + Sql.qualified(r.parent()) + " p WHERE " + join(r)
                + (parentFilter == null ? "" : " AND " + parentFilter) + ")";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) keys.add("CAST(c." + quoteIdentifierIfNeeded(r.columns().get(i)) + " AS text) AS k" + (i + 1));
        return new OrphanQueries("SELECT count(*) AS orphans" + from,
                "SELECT DISTINCT " + String.join(", ", keys) + from + " ORDER BY " + String.join(", ", keys.stream()
                        .map(k -> k.substring(k.lastIndexOf(' ') + 1)).toList()) + " LIMIT " + Math.max(0, sampleSize));
    }

    private static String join(Relationship r) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            parts.add("p." + quoteIdentifierIfNeeded(r.parentColumns().get(i)) + " = c." + quoteIdentifierIfNeeded(r.columns().get(i)));
        }
        return String.join(" AND ", parts);
    }

    /** Rows of a child table that depend on the rows a delete would remove. */
    public record Dependents(Relationship relationship, long rows) {}

    /** What a safe delete found and did. */
    public record DeleteResult(long rowsDeleted, List<Dependents> dependents, List<String> steps, boolean refused) {
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (refused) {
                sb.append("refused: rows depend on the rows to delete (delete them first, or pass --cascade to delete them in chunks):");
                for (Dependents d : dependents) sb.append("\n  ").append(d.rows()).append(" rows in ").append(d.relationship().describe());
                return sb.toString();
            }
            for (String s : steps) sb.append(s).append('\n');
            sb.append(rowsDeleted).append(" rows deleted in total");
            return sb.toString();
        }
    }

    /**
     * Deletes {@code table} rows matching {@code where}: refuses when dependents exist unless
     * {@code cascade}, in which case dependents (recursively) are deleted first, each level in
     * primary-key chunks of its own transactions. {@code dryRun} only counts.
     */
    public DeleteResult safeDelete(String table, String where, boolean cascade, boolean dryRun, ProgressListener listener)
            throws SQLException {
        List<Dependents> deps = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            collectDependents(c, table, where, 0, deps);
        }
        boolean hasDependents = deps.stream().anyMatch(d -> d.rows() > 0);
        if (hasDependents && !cascade) return new DeleteResult(0, deps, List.of(), true);
        List<String> steps = new ArrayList<>();
        long deleted = dryRun ? 0 : delete(table, where, 0, steps, listener);
        if (dryRun) {
            for (Dependents d : deps) if (d.rows() > 0) steps.add("would delete " + d.rows() + " rows from " + d.relationship().child());
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Sql.qualified(table) + where(where));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                steps.add("would delete " + rs.getLong(1) + " rows from " + table);
            }
        }
        return new DeleteResult(deleted, deps, steps, false);
    }

    private void collectDependents(Connection c, String table, String where, int depth, List<Dependents> out) throws SQLException {
        if (depth > MAX_DEPTH) throw new SQLException("relationships nest deeper than " + MAX_DEPTH + " levels (a cycle?)", "54001");
        for (Relationship r : children(table)) {
            String childWhere = childPredicate(r, where);
            long n;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Sql.qualified(r.child()) + " WHERE " + childWhere);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
            }
            out.add(new Dependents(r, n));
            if (n > 0) collectDependents(c, r.child(), childWhere, depth + 1, out);
        }
    }

    private long delete(String table, String where, int depth, List<String> steps, ProgressListener listener) throws SQLException {
        long total = 0;
        for (Relationship r : children(table)) total += delete(r.child(), childPredicate(r, where), depth + 1, steps, listener);
        BatchRunner runner = new BatchRunner(dataSource);
        String job = "safe-delete-" + UUID.randomUUID();
        BatchResult res = runner.run(BatchSpec.delete(table, where).withJobId(job), listener);
        runner.forget(job);
        steps.add("deleted " + res.rowsTotal() + " rows from " + table + " in " + res.chunksThisRun() + " chunks");
        return total + res.rowsTotal();
    }

    private List<Relationship> children(String table) {
        return relationships.stream().filter(r -> same(r.parent(), table) && !same(r.child(), table)).toList();
    }

    private static boolean same(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String t) {
        return t.startsWith("public.") ? t.substring(7) : t;
    }

    /** Child rows referencing the parent rows selected by {@code parentWhere}. */
    private static String childPredicate(Relationship r, String parentWhere) {
        String cols = "(" + r.columns().stream().map(SqlText::quoteIdentifierIfNeeded).collect(Collectors.joining(", ")) + ")";
        String pcols = r.parentColumns().stream().map(SqlText::quoteIdentifierIfNeeded).collect(Collectors.joining(", "));
        return cols + " IN (SELECT " + pcols + " FROM " + Sql.qualified(r.parent()) + where(parentWhere) + ")";
    }

    private static String where(String w) {
        return w == null || w.isBlank() ? "" : " WHERE " + w;
    }
}

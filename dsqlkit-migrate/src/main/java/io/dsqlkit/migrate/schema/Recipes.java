package io.dsqlkit.migrate.schema;

import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.dsqlkit.sql.SqlText.lineComment;
import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;

/**
 * Generated, reviewable migration bodies for changes DSQL cannot make in place (dsql-facts §1.7).
 */
public final class Recipes {
    private static final String ADD_COLUMN_RULE = "alter-table-add-column-constraint";

    private Recipes() {}

    /**
     * {@code ADD COLUMN ... DEFAULT x} is rejected by DSQL (0A000 "ALTER TABLE ADD COLUMN with
     * constraint not supported", §1.7), so: add the bare column, set the default (so rows inserted
     * from now on get it), then backfill existing rows in primary-key chunks under the 3,000-row
     * limit. The default is set before the backfill so no row written meanwhile is left NULL.
     *
     * <p>The body is the linter's own fix of the statement a user would write (rule
     * {@code alter-table-add-column-constraint}), so {@code migrate recipe add-column} and
     * {@code lint --fix} never disagree; anything else DSQL would refuse in it (an array type, say)
     * fails here with the rule's message instead of at apply time.
     */
    public static String addColumnWithDefault(String table, String column, String type, String defaultExpr) {
        String t = Sql.qualified(table);
        String c = quoteIdentifierIfNeeded(column);
        String statement = "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + c + " " + type + " DEFAULT " + defaultExpr + ";\n";
        // the type and default are SQL text the user typed: they must stay inside this one statement
        List<Statement> parts = ScriptSplitter.split(statement);
        if (parts.stream().filter(s -> s.category() != StatementCategory.EMPTY).count() != 1
                || !parts.get(0).terminated()) {
            throw new IllegalArgumentException("cannot write an add-column recipe: the type and the default must each be one SQL "
                    + "type or expression (no ';', no comment that runs to the end of the statement)");
        }
        FixResult fixed = new Linter(Profile.CURRENT).fix(statement);
        // Only the split is ours to make; any other finding (an array type, a serial) is the user's to decide.
        Optional<Diagnostic> other = Stream.concat(
                fixed.applied().stream().filter(d -> !d.ruleId().equals(ADD_COLUMN_RULE)), fixed.remaining().stream()).findFirst();
        if (other.isPresent()) {
            Diagnostic d = other.get();
            throw new IllegalArgumentException("cannot write an add-column recipe: " + d.message() + " [" + d.ruleId() + "]"
                    + (d.help() == null ? "" : "; " + d.help()));
        }
        if (fixed.applied().isEmpty()) throw new IllegalStateException("the linter did not split " + statement.strip());
        return lineComment("add " + c + " " + type + " DEFAULT " + defaultExpr + " to " + t + " (DSQL cannot ADD COLUMN with a DEFAULT)")
                + "\n" + fixed.fixed();
    }

    /**
     * The table-recreation pattern for what DSQL cannot ALTER in place (column TYPE, SET NOT NULL,
     * primary-key changes; dsql-facts §1.7): create {@code <t>_new} with the change, copy the rows in
     * primary-key chunks, assert the row counts match, swap by rename, and drop the old table (a
     * destructive step, so {@code apply} needs --yes). Writes to the table must stop until the swap:
     * rows written after their chunk was copied are not carried over.
     *
     * @param types       column -> new type
     * @param notNull     columns to make NOT NULL
     * @param primaryKey  new primary key columns (null: keep)
     */
    public static String recreateTable(java.sql.Connection c, String table, java.util.Map<String, String> types,
                                       java.util.Set<String> notNull, java.util.List<String> primaryKey) throws java.sql.SQLException {
        java.util.List<String[]> cols = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
                + " AND d.adnum = a.attnum WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
            ps.setString(1, Sql.qualified(table));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cols.add(new String[]{rs.getString(1), rs.getString(2), rs.getBoolean(3) ? "t" : "f", rs.getString(4)});
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String[] col : cols) names.add(col[0]);
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (String n : types.keySet()) if (!names.contains(n)) unknown.add(n);
        for (String n : notNull) if (!names.contains(n)) unknown.add(n);
        if (primaryKey != null) for (String n : primaryKey) if (!names.contains(n)) unknown.add(n);
        if (!unknown.isEmpty()) throw new IllegalArgumentException(table + " has no column(s) " + unknown + " (its columns: " + names + ")");
        java.util.List<String> key = primaryKey != null ? primaryKey : io.dsqlkit.migrate.batch.TableKey.of(c, table).columns();
        String t = Sql.qualified(table);
        String base = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        String fresh = table + "_new";
        String old = base + "_old";
        StringBuilder changes = new StringBuilder();
        types.forEach((k, v) -> changes.append(k).append(" TYPE ").append(v).append("; "));
        notNull.forEach(k -> changes.append(k).append(" SET NOT NULL; "));
        if (primaryKey != null) changes.append("PRIMARY KEY (").append(String.join(", ", primaryKey)).append("); ");
        StringBuilder sb = new StringBuilder();
        sb.append("-- recreate ").append(table).append(": ").append(changes.toString().strip()).append('\n')
                .append("-- DSQL cannot make these changes in place (ALTER COLUMN TYPE / SET NOT NULL / primary key, dsql-facts §1.7).\n")
                .append("-- STOP WRITES to ").append(table).append(" until this migration finished: rows written after their chunk\n")
                .append("-- was copied are not carried over. Secondary indexes, grants and views are not recreated: add them below.\n");
        sb.append("CREATE TABLE ").append(Sql.qualified(fresh)).append(" (\n");
        java.util.List<String> select = new java.util.ArrayList<>();
        java.util.List<String> colNames = new java.util.ArrayList<>();
        for (String[] col : cols) {
            String type = types.getOrDefault(col[0], col[1]);
            sb.append("    ").append(quoteIdentifierIfNeeded(col[0])).append(' ').append(type);
            if ("t".equals(col[2]) || notNull.contains(col[0]) || key.contains(col[0])) sb.append(" NOT NULL");
            if (col[3] != null) {
                boolean castDefault = types.containsKey(col[0]) && !col[3].startsWith("nextval(");
                sb.append(" DEFAULT ").append(castDefault ? "CAST(" + col[3] + " AS " + type + ")" : col[3]);
            }
            sb.append(",\n");
            colNames.add(quoteIdentifierIfNeeded(col[0]));
            select.add(types.containsKey(col[0]) ? "CAST(" + quoteIdentifierIfNeeded(col[0]) + " AS " + type + ")" : quoteIdentifierIfNeeded(col[0]));
        }
        sb.append("    PRIMARY KEY (").append(Sql.idents(key)).append(")\n);\n\n");
        sb.append("-- copy in primary-key chunks under the 3,000-row limit (resumable)\n-- ").append(StepPlanner.BATCH_DIRECTIVE).append('\n')
                .append("INSERT INTO ").append(Sql.qualified(fresh)).append(" (").append(String.join(", ", colNames)).append(")\n    SELECT ")
                .append(String.join(", ", select)).append(" FROM ").append(t).append(";\n\n");
        sb.append("-- stop here unless every row was copied\n-- ").append(StepPlanner.ASSERT_DIRECTIVE).append('\n')
                .append("SELECT (SELECT count(*) FROM ").append(t).append(") = (SELECT count(*) FROM ").append(Sql.qualified(fresh)).append(");\n\n");
        for (String[] col : cols) {
            String owned = col[3] != null && col[3].startsWith("nextval(") ? ownedSequence(c, table, col[0]) : null;
            if (owned != null) {
                sb.append("-- the sequence behind ").append(col[0]).append("'s default belongs to the old table: move it, or DROP would take it along\n")
                        .append("ALTER SEQUENCE ").append(owned).append(" OWNED BY ").append(Sql.qualified(fresh)).append('.')
                        .append(quoteIdentifierIfNeeded(col[0])).append(";\n\n");
            }
        }
        sb.append("ALTER TABLE ").append(t).append(" RENAME TO ").append(quoteIdentifierIfNeeded(old)).append(";\n\n");
        sb.append("ALTER TABLE ").append(Sql.qualified(fresh)).append(" RENAME TO ").append(quoteIdentifierIfNeeded(base)).append(";\n\n");
        sb.append("DROP TABLE ").append(table.contains(".") ? quoteIdentifierIfNeeded(table.substring(0, table.indexOf('.'))) + "." : "")
                .append(quoteIdentifierIfNeeded(old)).append(";\n");
        return sb.toString();
    }

    /** The sequence owned by {@code table.column} (serial, or OWNED BY), or null. */
    private static String ownedSequence(java.sql.Connection c, String table, String column) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, Sql.qualified(table));
            ps.setString(2, column);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

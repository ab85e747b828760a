package io.dsqlkit.migrate.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A database schema as plain data: what {@link CatalogReader} reads from a live database and
 * {@link DesiredSchemaReader} reads from SQL files. Names are folded as PostgreSQL folds them;
 * types and expressions are kept in {@link Normalize}d form so two models compare by value.
 * Keys of the maps are qualified names ({@code schema.name}), so iteration order is stable.
 */
public final class SchemaModel {
    public final java.util.SortedSet<String> schemas = new java.util.TreeSet<>();
    public final Map<String, Table> tables = new TreeMap<>();
    public final Map<String, Index> indexes = new TreeMap<>();
    public final Map<String, View> views = new TreeMap<>();
    public final Map<String, Sequence> sequences = new TreeMap<>();

    /** {@code GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY (CACHE n ...)}: DSQL needs bigint and CACHE 1 or >= 65536 (dsql-facts §1.5). */
    public record Identity(boolean always, long cache, Long start, Long increment) {}

    /**
     * @param renamedFrom the old name from a {@code -- dsqlkit:renamed-from old} comment, or null
     */
    public record Column(String name, String type, boolean notNull, String defaultExpr, Identity identity,
                         String generatedExpr, String comment, String renamedFrom) {
        public Column withComment(String c) {
            return new Column(name, type, notNull, defaultExpr, identity, generatedExpr, c, renamedFrom);
        }
    }

    public enum ConstraintKind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

    /**
     * A table constraint. {@code name} is null when the desired file does not name it (it then
     * matches a live constraint of the same definition, whatever its name).
     */
    public record Constraint(String name, ConstraintKind kind, List<String> columns, String checkExpr, String refTable,
                             List<String> refColumns, String onDelete, String onUpdate) {
        public Constraint withName(String n) {
            return new Constraint(n, kind, columns, checkExpr, refTable, refColumns, onDelete, onUpdate);
        }

        /** Equal definitions, names aside. */
        public boolean sameDefinition(Constraint o) {
            return kind == o.kind && Objects.equals(columns, o.columns) && Normalize.sameExpr(checkExpr, o.checkExpr)
                    && Objects.equals(refTable, o.refTable) && Objects.equals(refColumns, o.refColumns)
                    && Objects.equals(onDelete, o.onDelete) && Objects.equals(onUpdate, o.onUpdate);
        }
    }

    public static final class Table {
        public final String schema;
        public final String name;
        public final List<Column> columns = new ArrayList<>();
        public final List<Constraint> constraints = new ArrayList<>();
        public String comment;
        public String renamedFrom;

        public Table(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        public String qualified() {
            return schema + "." + name;
        }

        public Column column(String n) {
            for (Column c : columns) if (c.name().equals(n)) return c;
            return null;
        }

        public Constraint primaryKey() {
            for (Constraint c : constraints) if (c.kind() == ConstraintKind.PRIMARY_KEY) return c;
            return null;
        }

        public List<Constraint> constraints(ConstraintKind k) {
            return constraints.stream().filter(c -> c.kind() == k).toList();
        }
    }

    /**
     * An index not backing a constraint. {@code keys} are column names or {@code (expression)}s.
     */
    public record Index(String schema, String name, String table, boolean unique, List<String> keys, List<String> include,
                       boolean nullsNotDistinct, String where) {
        public String qualified() {
            return schema + "." + name;
        }

        public String qualifiedTable() {
            return schema + "." + table;
        }
    }

    public record View(String schema, String name, String query, String comment) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    public record Sequence(String schema, String name, long cache, long start, long increment, String comment) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    /** A copy holding only the objects in {@code keep} (tables copied deeply enough to be edited). */
    public SchemaModel only(java.util.Set<String> keep) {
        SchemaModel c = new SchemaModel();
        for (String s : schemas) if (keep.contains(s)) c.schemas.add(s);
        tables.forEach((k, t) -> {
            if (!keep.contains(t.schema)) return;
            Table n = new Table(t.schema, t.name);
            n.columns.addAll(t.columns);
            n.constraints.addAll(t.constraints);
            n.comment = t.comment;
            c.tables.put(k, n);
        });
        indexes.forEach((k, v) -> { if (keep.contains(v.schema())) c.indexes.put(k, v); });
        views.forEach((k, v) -> { if (keep.contains(v.schema())) c.views.put(k, v); });
        sequences.forEach((k, v) -> { if (keep.contains(v.schema())) c.sequences.put(k, v); });
        return c;
    }

    /** Indexes (including those backing the PK and UNIQUE constraints) of one table: DSQL allows 24 (dsql-facts §2). */
    public int indexCount(String qualifiedTable) {
        Table t = tables.get(qualifiedTable);
        int n = t == null ? 0 : (int) t.constraints.stream()
                .filter(c -> c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.UNIQUE).count();
        for (Index i : indexes.values()) if (i.qualifiedTable().equals(qualifiedTable)) n++;
        return n;
    }
}

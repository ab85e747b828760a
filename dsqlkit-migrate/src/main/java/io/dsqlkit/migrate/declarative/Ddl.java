package io.dsqlkit.migrate.declarative;

import io.dsqlkit.migrate.declarative.SchemaModel.Column;
import io.dsqlkit.migrate.declarative.SchemaModel.Constraint;
import io.dsqlkit.migrate.declarative.SchemaModel.ConstraintKind;
import io.dsqlkit.migrate.declarative.SchemaModel.Identity;
import io.dsqlkit.migrate.declarative.SchemaModel.Index;
import io.dsqlkit.migrate.declarative.SchemaModel.Sequence;
import io.dsqlkit.migrate.declarative.SchemaModel.Table;
import io.dsqlkit.migrate.declarative.SchemaModel.View;
import io.dsqlkit.migrate.support.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;
import static io.dsqlkit.sql.SqlText.quoteLiteral;

/** DSQL-valid DDL text for model objects: shared by {@code schema dump} and the differ. */
public final class Ddl {
    private Ddl() {}

    public static String q(String schema, String name) {
        return quoteIdentifierIfNeeded(schema) + "." + quoteIdentifierIfNeeded(name);
    }

    /** {@code schema.name} (as the model keys them) quoted. */
    public static String q(String qualified) {
        int dot = qualified.indexOf('.');
        return q(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    public static String identity(Identity id) {
        StringBuilder sb = new StringBuilder("GENERATED ").append(id.always() ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY (CACHE ")
                .append(id.cache());
        if (id.start() != null) sb.append(" START WITH ").append(id.start());
        if (id.increment() != null) sb.append(" INCREMENT BY ").append(id.increment());
        return sb.append(')').toString();
    }

    public static String column(Column c) {
        StringBuilder sb = new StringBuilder(quoteIdentifierIfNeeded(c.name())).append(' ').append(c.type());
        if (c.generatedExpr() != null) sb.append(" GENERATED ALWAYS AS (").append(c.generatedExpr()).append(") STORED");
        if (c.identity() != null) sb.append(' ').append(identity(c.identity()));
        if (c.notNull() && c.identity() == null) sb.append(" NOT NULL");
        if (c.defaultExpr() != null) sb.append(" DEFAULT ").append(c.defaultExpr());
        return sb.toString();
    }

    public static String constraint(Constraint k, String nameOverride) {
        String name = nameOverride != null ? nameOverride : k.name();
        StringBuilder sb = new StringBuilder();
        if (name != null) sb.append("CONSTRAINT ").append(quoteIdentifierIfNeeded(name)).append(' ');
        switch (k.kind()) {
            case PRIMARY_KEY -> sb.append("PRIMARY KEY (").append(Sql.idents(k.columns())).append(')');
            case UNIQUE -> sb.append("UNIQUE (").append(Sql.idents(k.columns())).append(')');
            case CHECK -> sb.append("CHECK (").append(k.checkExpr()).append(')');
            case FOREIGN_KEY -> {
                sb.append("FOREIGN KEY (").append(Sql.idents(k.columns())).append(") REFERENCES ").append(q(k.refTable()));
                if (k.refColumns() != null) sb.append(" (").append(Sql.idents(k.refColumns())).append(')');
                if (!"NO ACTION".equals(k.onDelete())) sb.append(" ON DELETE ").append(k.onDelete());
                if (!"NO ACTION".equals(k.onUpdate())) sb.append(" ON UPDATE ").append(k.onUpdate());
            }
        }
        return sb.toString();
    }

    /**
     * CREATE TABLE with its columns and constraints inline.
     *
     * @param name       the table name to create (the model's, or a temporary one)
     * @param renames    constraint name overrides (PK/UNIQUE under temporary names during a recreation)
     * @param withForeignKeys false: foreign keys are added by later steps
     */
    public static String createTable(Table t, String name, Map<Constraint, String> renames, boolean withForeignKeys) {
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns) parts.add(column(c));
        for (Constraint k : t.constraints) {
            if (k.kind() == ConstraintKind.FOREIGN_KEY && !withForeignKeys) continue;
            parts.add(constraint(k, renames.get(k)));
        }
        return "CREATE TABLE " + q(t.schema, name) + " (\n    " + String.join(",\n    ", parts) + "\n)";
    }

    public static String createIndex(Index i) {
        StringBuilder sb = new StringBuilder("CREATE ").append(i.unique() ? "UNIQUE " : "").append("INDEX ASYNC ")
                .append(quoteIdentifierIfNeeded(i.name())).append(" ON ").append(q(i.schema(), i.table())).append(" (")
                .append(i.keys().stream().map(k -> k.startsWith("(") ? k : quoteIdentifierIfNeeded(k)).collect(Collectors.joining(", "))).append(')');
        if (!i.include().isEmpty()) sb.append(" INCLUDE (").append(Sql.idents(i.include())).append(')');
        if (i.nullsNotDistinct()) sb.append(" NULLS NOT DISTINCT");
        if (i.where() != null) sb.append(" WHERE ").append(i.where());
        return sb.toString();
    }

    public static String createView(View v) {
        return "CREATE VIEW " + q(v.schema(), v.name()) + " AS\n" + v.query();
    }

    public static String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + q(s.schema(), s.name()) + " CACHE " + s.cache()
                + (s.start() != 1 ? " START WITH " + s.start() : "") + (s.increment() != 1 ? " INCREMENT BY " + s.increment() : "");
    }

    public static String comment(String kind, String target, String text) {
        return "COMMENT ON " + kind + " " + target + " IS " + (text == null ? "NULL" : quoteLiteral(text));
    }
}

package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.List;

/** Column definitions a statement declares: those of CREATE TABLE, or of ALTER TABLE ADD COLUMN. */
public final class TableColumns {
    private TableColumns() {}

    private static final LastParsed<List<ColumnDefinition>> LAST = new LastParsed<>();

    /** The column definitions of {@code t} (which must not change afterwards). */
    public static List<ColumnDefinition> of(List<Token> t) {
        return LAST.get(t, TableColumns::parse);
    }

    private static List<ColumnDefinition> parse(List<Token> t) {
        CreateTable ct = CreateTable.parse(t);
        if (ct != null) return ct.columns(t);
        AlterTable at = AlterTable.parse(t);
        if (at != null) return at.addedColumns(t);
        return List.of();
    }
}

package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.List;

/** Column definitions a statement declares: those of CREATE TABLE, or of ALTER TABLE ADD COLUMN. */
public final class TableColumns {
    private TableColumns() {}

    public static List<ColumnDefinition> of(List<Token> t) {
        CreateTable ct = CreateTable.parse(t);
        if (ct != null) return ct.columns(t);
        AlterTable at = AlterTable.parse(t);
        if (at != null) return at.addedColumns(t);
        return List.of();
    }
}

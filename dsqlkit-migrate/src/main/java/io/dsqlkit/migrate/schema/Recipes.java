package io.dsqlkit.migrate.schema;

import io.dsqlkit.migrate.support.Sql;

/**
 * Generated, reviewable migration bodies for changes DSQL cannot make in place (dsql-facts §1.7).
 */
public final class Recipes {
    private Recipes() {}

    /**
     * {@code ADD COLUMN ... DEFAULT x} is rejected by DSQL (0A000 "ALTER TABLE ADD COLUMN with
     * constraint not supported", §1.7), so: add the bare column, set the default (so rows inserted
     * from now on get it), then backfill existing rows in primary-key chunks under the 3,000-row
     * limit. The default is set before the backfill so no row written meanwhile is left NULL.
     */
    public static String addColumnWithDefault(String table, String column, String type, String defaultExpr) {
        String t = Sql.qualified(table);
        String c = Sql.ident(column);
        return "-- add " + column + " " + type + " DEFAULT " + defaultExpr + " to " + table + " (DSQL cannot ADD COLUMN with a DEFAULT)\n"
                + "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + c + " " + type + ";\n\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + defaultExpr + ";\n\n"
                + "-- backfill existing rows in primary-key chunks (each its own transaction, resumable)\n"
                + "-- " + StepPlanner.BATCH_DIRECTIVE + "\n"
                + "UPDATE " + t + " SET " + c + " = " + defaultExpr + " WHERE " + c + " IS NULL;\n";
    }
}

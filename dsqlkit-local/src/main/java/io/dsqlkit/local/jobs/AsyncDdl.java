package io.dsqlkit.local.jobs;

import io.dsqlkit.local.catalog.TableName;
import io.dsqlkit.local.catalog.SqlWords;
import io.dsqlkit.sql.CreateIndexHead;
import io.dsqlkit.sql.SqlText;

import java.util.Optional;

/**
 * The two DSQL statements that run as background jobs (dsql-facts §4):
 * {@code CREATE [UNIQUE] INDEX ASYNC [[IF NOT EXISTS] name] ON table (...) ...} and
 * {@code ALTER TABLE ASYNC [IF EXISTS] [ONLY] table VALIDATE CONSTRAINT c}.
 */
public sealed interface AsyncDdl {

    /** The command tag DSQL answers with. */
    String commandTag();

    /** The table the job works on. */
    TableName table();

    /**
     * An index build. {@code name} may be null (PostgreSQL then chooses one); {@code definition} is the
     * statement text from the opening parenthesis of the key list on, copied verbatim.
     */
    record IndexBuild(boolean unique, boolean ifNotExists, String name, TableName table, boolean only,
                      String definition) implements AsyncDdl {
        @Override
        public String commandTag() {
            return "CREATE INDEX";
        }

        /** The PostgreSQL statement that builds it without blocking writers and leaves it INVALID on failure. */
        public String concurrentSql(String indexName) {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + (ifNotExists ? "IF NOT EXISTS " : "")
                    + SqlText.quoteIdentifier(indexName) + " ON " + (only ? "ONLY " : "") + table.sql() + " " + definition;
        }

        /** The same index on another table (used to check columns and expressions on an empty copy). */
        public String plainSqlOn(TableName other) {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX ON " + other.sql() + " " + definition;
        }
    }

    /** Validation of a NOT VALID constraint. */
    record ConstraintValidation(boolean ifExists, boolean only, TableName table, String constraint)
            implements AsyncDdl {
        @Override
        public String commandTag() {
            return "ALTER TABLE";
        }

        public String sql() {
            return "ALTER TABLE " + (ifExists ? "IF EXISTS " : "") + (only ? "ONLY " : "") + table.sql()
                    + " VALIDATE CONSTRAINT " + SqlText.quoteIdentifier(constraint);
        }
    }

    /** Recognises an async DDL statement; empty for anything else (including malformed ones, left to PostgreSQL). */
    static Optional<AsyncDdl> parse(SqlWords w) {
        if (w.keywordsAt(0, "CREATE")) return parseIndex(w);
        if (w.keywordsAt(0, "ALTER", "TABLE", "ASYNC")) return parseValidate(w);
        return Optional.empty();
    }

    /**
     * {@code CREATE [UNIQUE] INDEX ASYNC [IF NOT EXISTS] [name] ON [ONLY] [schema.]table (...)}, read by the
     * one CREATE INDEX parser ({@link CreateIndexHead}). The gateway runs only this shape as a job: ASYNC
     * right after INDEX, an unqualified index name, no USING clause; anything else goes to PostgreSQL.
     */
    private static Optional<AsyncDdl> parseIndex(SqlWords w) {
        CreateIndexHead h = CreateIndexHead.parse(w.tokens());
        if (h == null || h.async != h.indexKeyword + 1 || h.concurrently >= 0 || h.using >= 0 || h.keysOpen < 0) {
            return Optional.empty();
        }
        if (h.nameFrom >= 0 && h.nameTo != h.nameFrom) return Optional.empty();
        io.dsqlkit.sql.QualifiedName table = h.table();
        if (table == null || table.parts().size() > 2) return Optional.empty();
        String name = h.nameFrom < 0 ? null : w.get(h.nameFrom).value();
        return Optional.of(new IndexBuild(h.unique >= 0, h.ifNotExists >= 0, name,
                new TableName(table.schema(), table.name()), h.only >= 0, w.textFrom(h.keysOpen)));
    }

    private static Optional<AsyncDdl> parseValidate(SqlWords w) {
        int i = 3;
        boolean ifExists = false;
        if (w.keywordsAt(i, "IF", "EXISTS")) {
            ifExists = true;
            i += 2;
        }
        boolean only = false;
        if (w.keywordsAt(i, "ONLY")) {
            only = true;
            i++;
        }
        TableName.Parsed table = TableName.parse(w, i);
        if (table == null) return Optional.empty();
        i = table.next();
        if (!w.keywordsAt(i, "VALIDATE", "CONSTRAINT")) return Optional.empty();
        SqlWords.Word c = w.get(i + 2);
        if (c == null || !c.isName() || w.size() != i + 3) return Optional.empty();
        return Optional.of(new ConstraintValidation(ifExists, only, table.name(), c.value()));
    }
}

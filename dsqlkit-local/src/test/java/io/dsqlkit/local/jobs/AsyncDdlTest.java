package io.dsqlkit.local.jobs;

import io.dsqlkit.local.catalog.TableName;
import io.dsqlkit.local.catalog.SqlWords;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising DSQL's async DDL (dsql-facts §4 syntax). */
class AsyncDdlTest {
    static Optional<AsyncDdl> parse(String sql) {
        return AsyncDdl.parse(SqlWords.scan(sql));
    }

    @Test
    void fullIndexSyntax() {
        AsyncDdl.IndexBuild ib = (AsyncDdl.IndexBuild) parse(
                "/* c */ create unique index async if not exists \"Idx\" on app.orders (lower(email), id) "
                        + "INCLUDE (total) NULLS NOT DISTINCT WHERE status <> 'x;y';").orElseThrow();
        assertThat(ib.unique()).isTrue();
        assertThat(ib.ifNotExists()).isTrue();
        assertThat(ib.name()).isEqualTo("Idx");
        assertThat(ib.table()).isEqualTo(new TableName("app", "orders"));
        assertThat(ib.definition()).isEqualTo("(lower(email), id) INCLUDE (total) NULLS NOT DISTINCT WHERE status <> 'x;y'");
        assertThat(ib.concurrentSql("Idx")).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Idx\" ON \"app\".\"orders\" "
                + "(lower(email), id) INCLUDE (total) NULLS NOT DISTINCT WHERE status <> 'x;y'");
        assertThat(ib.commandTag()).isEqualTo("CREATE INDEX");
    }

    @Test
    void unnamedIndex() {
        AsyncDdl.IndexBuild ib = (AsyncDdl.IndexBuild) parse("CREATE INDEX ASYNC ON t (a)").orElseThrow();
        assertThat(ib.name()).isNull();
        assertThat(ib.table()).isEqualTo(new TableName(null, "t"));
        assertThat(ib.unique()).isFalse();
    }

    @Test
    void synchronousOrOtherStatementsAreNotAsyncDdl() {
        assertThat(parse("CREATE INDEX i ON t (a)")).isEmpty();
        assertThat(parse("CREATE INDEX CONCURRENTLY i ON t (a)")).isEmpty();
        assertThat(parse("CREATE TABLE async (a int)")).isEmpty();
        assertThat(parse("ALTER TABLE t VALIDATE CONSTRAINT c")).isEmpty();
        assertThat(parse("SELECT 'CREATE INDEX ASYNC i ON t (a)'")).isEmpty();
        assertThat(parse("CREATE INDEX ASYNC i ON t")).isEmpty();
    }

    @Test
    void validateConstraint() {
        AsyncDdl.ConstraintValidation cv = (AsyncDdl.ConstraintValidation) parse(
                "ALTER TABLE ASYNC IF EXISTS ONLY s.t VALIDATE CONSTRAINT \"C k\";").orElseThrow();
        assertThat(cv.ifExists()).isTrue();
        assertThat(cv.only()).isTrue();
        assertThat(cv.table()).isEqualTo(new TableName("s", "t"));
        assertThat(cv.constraint()).isEqualTo("C k");
        assertThat(cv.sql()).isEqualTo("ALTER TABLE IF EXISTS ONLY \"s\".\"t\" VALIDATE CONSTRAINT \"C k\"");
        assertThat(cv.commandTag()).isEqualTo("ALTER TABLE");
        assertThat(parse("ALTER TABLE ASYNC t ADD COLUMN c int")).isEmpty();
    }
}

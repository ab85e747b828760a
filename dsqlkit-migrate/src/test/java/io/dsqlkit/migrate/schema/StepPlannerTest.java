package io.dsqlkit.migrate.schema;

import io.dsqlkit.migrate.batch.BatchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepPlannerTest {
    private static List<MigrationStep> steps(String sql) {
        return StepPlanner.steps(MigrationFile.of("V1__x.sql", Path.of("V1__x.sql"), sql));
    }

    @Test
    void classifiesEachStatementByHowItRunsOnDsql() {
        List<MigrationStep> s = steps("""
                SET search_path = public;
                CREATE TABLE t (id bigint PRIMARY KEY, v text);
                CREATE UNIQUE INDEX ASYNC t_v ON t (v);
                ALTER TABLE ASYNC t VALIDATE CONSTRAINT c;
                INSERT INTO t VALUES (1, 'a');
                SELECT 1;
                ANALYZE t;
                """);
        assertThat(s).extracting(MigrationStep::kind).containsExactly(StepKind.SESSION, StepKind.DDL, StepKind.ASYNC_DDL,
                StepKind.ASYNC_DDL, StepKind.DML, StepKind.DML, StepKind.UTILITY);
        assertThat(s).extracting(MigrationStep::line).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(Migrator.indexName(s.get(2).sql())).isEqualTo("t_v");
    }

    @Test
    void batchDirectiveParsesUpdateDeleteAndInsertSelect() {
        List<MigrationStep> s = steps("""
                -- dsqlkit:batch
                UPDATE public.orders SET status = 'x', n = (n + 1) WHERE created < now() AND (a OR b);
                -- dsqlkit:batch
                DELETE FROM orders WHERE status = 'gone';
                -- dsqlkit:batch
                INSERT INTO orders_new (id, qty) SELECT id, CAST(qty AS integer) FROM orders WHERE id > 0;
                """);
        assertThat(s).extracting(MigrationStep::kind).containsOnly(StepKind.BATCHED_DML);
        BatchSpec u = s.get(0).batch();
        assertThat(u.table()).isEqualTo("public.orders");
        assertThat(u.set()).isEqualTo("status = 'x', n = (n + 1)");
        assertThat(u.where()).isEqualTo("created < now() AND (a OR b)");
        assertThat(s.get(1).batch().isDelete()).isTrue();
        assertThat(s.get(1).batch().where()).isEqualTo("status = 'gone'");
        BatchSpec c = s.get(2).batch();
        assertThat(c.copy()).isEqualTo(new BatchSpec.Copy("orders_new", "id, qty", "id, CAST(qty AS integer)"));
        assertThat(c.table()).isEqualTo("orders");
        assertThat(c.where()).isEqualTo("id > 0");
    }

    @Test
    void destructiveStatementsAreMarked() {
        List<MigrationStep> s = steps("""
                DROP TABLE a;
                DELETE FROM b;
                DELETE FROM b WHERE id = 1;
                ALTER TABLE c DROP COLUMN x;
                ALTER TABLE c ALTER COLUMN y DROP DEFAULT;
                -- dsqlkit:destructive
                UPDATE d SET v = NULL;
                """);
        assertThat(s).extracting(MigrationStep::destructive).containsExactly(true, true, false, true, false, true);
    }

    @Test
    void acceptsBeginCommitAroundSingleStatementsAsLintFixWritesThem() {
        List<MigrationStep> s = steps("BEGIN;\nCREATE TABLE t (id bigint PRIMARY KEY);\nCOMMIT;\nBEGIN;\n-- dsqlkit:batch\n"
                + "UPDATE t SET v = 1 WHERE v IS NULL;\nCOMMIT;\nSTART TRANSACTION;\nCREATE INDEX ASYNC t_v ON t (v);\nEND;\n");
        assertThat(s).extracting(MigrationStep::kind).containsExactly(StepKind.DDL, StepKind.BATCHED_DML, StepKind.ASYNC_DDL);
    }

    @Test
    void refusesTransactionControlAndUnwalkableBatches() {
        assertThatThrownBy(() -> steps("BEGIN;\nCREATE TABLE t (id bigint PRIMARY KEY);\nCREATE TABLE u (id bigint PRIMARY KEY);\nCOMMIT;\n"))
                .hasMessageContaining("line 1").hasMessageContaining("one DDL per").hasMessageContaining("would not be atomic");
        assertThatThrownBy(() -> steps("BEGIN;\nCREATE TABLE t (id bigint PRIMARY KEY);\n"))
                .hasMessageContaining("line 1").hasMessageContaining("never committed");
        assertThatThrownBy(() -> steps("CREATE TABLE t (id bigint PRIMARY KEY);\nROLLBACK;\n"))
                .hasMessageContaining("line 2").hasMessageContaining("one DDL per transaction");
        assertThatThrownBy(() -> steps("-- dsqlkit:batch\nUPDATE t SET v = 1 FROM u WHERE u.id = t.id;\n"))
                .hasMessageContaining("walked by primary key");
        assertThatThrownBy(() -> steps("-- dsqlkit:assert\nCREATE TABLE t (id bigint PRIMARY KEY);\n"))
                .hasMessageContaining("must precede a SELECT");
    }

    @Test
    void checksumsIgnoreLineEndingsAndTrailingBlanks() {
        assertThat(MigrationFile.checksum("SELECT 1;  \r\nSELECT 2;\r\n\r\n")).isEqualTo(MigrationFile.checksum("SELECT 1;\nSELECT 2;"));
        assertThat(MigrationFile.checksum("SELECT 1;")).isNotEqualTo(MigrationFile.checksum("SELECT 2;"));
        assertThat(MigrationVersion.parse("1.10").compareTo(MigrationVersion.parse("1.9"))).isPositive();
        assertThat(MigrationVersion.parse("2_0")).isEqualTo(MigrationVersion.parse("2"));
        assertThatThrownBy(() -> MigrationFile.of("V1_create.sql", Path.of("x"), "")).hasMessageContaining("not a migration file name");
    }
}

package io.dsqlkit.rules;

import io.dsqlkit.rules.alter.AlterTableStatement;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A statement's shape is parsed once, however many rules ask for it. */
class StatementContextTest {

    @Test
    void aShapeIsParsedOncePerStatementAndNullIsRemembered() {
        String sql = "ALTER TABLE t ADD COLUMN a int DEFAULT 1, ALTER COLUMN b TYPE text";
        Statement s = ScriptSplitter.split(sql).get(0);
        StatementContext ctx = new StatementContext(sql, s, Profile.CURRENT, d -> { });
        AlterTableStatement first = AlterTableStatement.of(ctx);
        assertThat(first).isNotNull();
        assertThat(first.actions).hasSize(2);
        assertThat(AlterTableStatement.of(ctx)).isSameAs(first);

        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(ctx.parsed(String.class, t -> {
                calls.incrementAndGet();
                return null;
            })).isNull();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTableNamedAsyncIsATableName() {
        String sql = "ALTER TABLE async ADD COLUMN x int";
        StatementContext ctx = new StatementContext(sql, ScriptSplitter.split(sql).get(0), Profile.CURRENT, d -> { });
        AlterTableStatement s = AlterTableStatement.of(ctx);
        assertThat(s.async).isEqualTo(-1);
        assertThat(s.tableName()).isEqualTo("async");
    }
}

package io.dsqlkit.migrate.declarative;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against local DSQL: the docs/schema.md worked example, end to end through the migration runner. */
class SchemaApplyTest {
    private final String s = SharedDsqlLocal.uniqueName("sa");
    private final List<String> log = new ArrayList<>();

    private SchemaApplier applier() {
        return new SchemaApplier(TestDb.dataSource(), Profile.CURRENT, log::add);
    }

    @AfterEach
    void dropSchema() throws Exception {
        SchemaFixtures.dropSchema(s);
    }

    @Test
    void workedExample() throws Exception {
        String a = "CREATE SCHEMA " + s + ";\n"
                + "CREATE TABLE " + s + ".customers (id bigint PRIMARY KEY, name text NOT NULL);\n"
                + "CREATE TABLE " + s + ".orders (id bigint PRIMARY KEY, customer_id bigint, amount integer, note varchar(20));\n";
        SchemaApplier.Result first = applier().apply(DesiredSchemaReader.parse(a), p -> false);
        assertThat(first.plan().steps()).extracting(PlanStep::action).containsExactly("create schema", "create table", "create table");
        TestDb.fill(s + ".customers", "id, name", "i, 'c' || i", 100);
        TestDb.fill(s + ".orders", "id, customer_id, amount", "i, 1 + i % 100, i", 5_000);

        String b = a.replace("amount integer", "amount bigint")
                .replace("note varchar(20))", "note varchar(20),\n    status text NOT NULL DEFAULT 'new')")
                .replace("customer_id bigint,", "customer_id bigint REFERENCES " + s + ".customers (id),")
                + "CREATE INDEX orders_customer_idx ON " + s + ".orders (customer_id);\n";
        SchemaModel want = DesiredSchemaReader.parse(b);
        SchemaPlan plan = applier().plan(want);
        assertThat(plan.steps()).extracting(PlanStep::action).contains("recreate table: copy rows", "create index", "add foreign key",
                "validate foreign key");
        assertThat(plan.destructiveSteps()).extracting(PlanStep::action).containsExactly("recreate table: drop old");

        assertThatThrownBy(() -> applier().apply(want, p -> false)).isInstanceOf(SchemaApplier.NotConfirmed.class);
        assertThat(TestDb.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + s + "' AND column_name = 'status'"))
                .isZero();

        SchemaApplier.Result r = applier().apply(want, p -> true);
        assertThat(r.plan().steps()).hasSameSizeAs(plan.steps());
        assertThat(TestDb.count("SELECT count(*) FROM " + s + ".orders WHERE status = 'new'")).isEqualTo(5_000);
        assertThat(TestDb.count("SELECT sum(amount) FROM " + s + ".orders")).isEqualTo(5_000L * 5_001 / 2);
        assertThat(applier().plan(want).steps()).isEmpty();

        // the dump, read back, is the desired schema
        SchemaModel live = applier().live();
        String dump = SchemaDumper.script(live.only(java.util.Set.of(s)));
        assertThat(SchemaDiffer.plan(live, DesiredSchemaReader.parse(dump), Profile.CURRENT).steps()).as(dump).isEmpty();
        assertThat(dump).contains("amount bigint").contains("status text NOT NULL DEFAULT 'new'::text")
                .contains("CREATE INDEX ASYNC orders_customer_idx");
        assertThatThrownBy(() -> TestDb.exec("INSERT INTO " + s + ".orders (id, customer_id) VALUES (999999, 424242)"))
                .hasMessageContaining("foreign key");
    }

    @Test
    void addingAColumnWithADefaultBackfillsInChunksAndKeepsRows() throws Exception {
        String a = "CREATE SCHEMA " + s + ";\nCREATE TABLE " + s + ".t (id bigint PRIMARY KEY, v text);\n";
        applier().apply(DesiredSchemaReader.parse(a), p -> false);
        TestDb.fill(s + ".t", "id, v", "i, 'v' || i", 7_000);
        String b = a.replace("v text)", "v text, flag integer DEFAULT 7, CONSTRAINT v_short CHECK (length(v) < 100), CONSTRAINT t_v_key UNIQUE (v))")
                + "CREATE UNIQUE INDEX t_v_idx ON " + s + ".t (v) WHERE v IS NOT NULL;\n"
                + "COMMENT ON TABLE " + s + ".t IS 'a table';\n";
        SchemaApplier.Result r = applier().apply(DesiredSchemaReader.parse(b), p -> false);
        assertThat(r.plan().destructiveSteps()).isEmpty();
        assertThat(r.plan().steps()).extracting(PlanStep::action).contains("backfill default", "validate check constraint",
                "create unique index", "add unique constraint", "create index", "comment");
        assertThat(TestDb.count("SELECT count(*) FROM " + s + ".t WHERE flag = 7")).isEqualTo(7_000);
        assertThatThrownBy(() -> TestDb.exec("INSERT INTO " + s + ".t (id, v) VALUES (99999, 'v1')")).hasMessageContaining("t_v_key");
        assertThat(applier().plan(DesiredSchemaReader.parse(b)).steps()).isEmpty();
    }
}

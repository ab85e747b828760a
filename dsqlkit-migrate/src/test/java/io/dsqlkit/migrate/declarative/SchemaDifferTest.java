package io.dsqlkit.migrate.declarative;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure differ over pairs of models read from SQL: which steps, in which order, and that every one lints clean. */
class SchemaDifferTest {
    static final String BASE = """
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                customer text NOT NULL,
                total numeric(10,2) DEFAULT 0,
                note varchar(20)
            );
            CREATE TABLE customers (id bigint PRIMARY KEY, name text);
            CREATE INDEX orders_customer_idx ON orders (customer);
            """;

    /** (description, desired) against BASE: every plan's statements lint clean under 2026-09. */
    static final String[][] CHANGES = {
            {"add nullable column with default", BASE.replace("note varchar(20)", "note varchar(20),\n    status text DEFAULT 'new'")},
            {"add NOT NULL column with default", BASE.replace("note varchar(20)", "note varchar(20),\n    status text NOT NULL DEFAULT 'new'")},
            {"change a type", BASE.replace("note varchar(20)", "note text")},
            {"drop a column", BASE.replace(",\n    note varchar(20)", "")},
            {"set not null", BASE.replace("note varchar(20)", "note varchar(20) NOT NULL")},
            {"drop not null", BASE.replace("customer text NOT NULL", "customer text")},
            {"drop default", BASE.replace(" DEFAULT 0", "")},
            {"change default", BASE.replace(" DEFAULT 0", " DEFAULT 1")},
            {"add index", BASE + "CREATE INDEX orders_total_idx ON orders (total) INCLUDE (note) WHERE total > 0;"},
            {"unique index, expression", BASE + "CREATE UNIQUE INDEX orders_lower_idx ON orders (lower(customer)) NULLS NOT DISTINCT;"},
            {"drop index", BASE.replace("CREATE INDEX orders_customer_idx ON orders (customer);", "")},
            {"add unique", BASE.replace("name text)", "name text, CONSTRAINT customers_name_key UNIQUE (name))")},
            {"add check", BASE.replace("note varchar(20)", "note varchar(20),\n    CONSTRAINT total_positive CHECK (total >= 0)")},
            {"add foreign key", BASE.replace("customer text NOT NULL,", "customer text NOT NULL,\n    customer_id bigint REFERENCES customers (id),")},
            {"new primary key", BASE.replace("id bigint PRIMARY KEY,\n    customer text NOT NULL", "id bigint,\n    customer text NOT NULL").replace("note varchar(20)\n", "note varchar(20),\n    PRIMARY KEY (id, customer)\n")},
            {"drop table", BASE.replace("CREATE TABLE customers (id bigint PRIMARY KEY, name text);", "")},
            {"new table with identity", BASE + "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY (CACHE 65536) PRIMARY KEY, at timestamptz DEFAULT now());"},
            {"generated column", BASE + "CREATE TABLE lines (id bigint PRIMARY KEY, qty int, price numeric(10,2), amount numeric GENERATED ALWAYS AS (qty * price) STORED);"},
            {"view and sequence", BASE + "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;\nCREATE SEQUENCE order_numbers CACHE 65536;"},
            {"comments", BASE + "COMMENT ON TABLE orders IS 'what people bought';\nCOMMENT ON COLUMN orders.note IS 'free text';"},
            {"rename column", BASE.replace("note varchar(20)", "-- dsqlkit:renamed-from note\n    remark varchar(20)")},
            {"rename table", BASE.replace("CREATE TABLE customers", "-- dsqlkit:renamed-from customers\nCREATE TABLE clients")},
            {"new schema", BASE + "CREATE SCHEMA audit;\nCREATE TABLE audit.log (id bigint PRIMARY KEY, msg text);"},
    };

    @Test
    void everyEmittedStatementPassesTheLinter() {
        SchemaModel live = DesiredSchemaReader.parse(BASE);
        Linter linter = new Linter(Profile.DSQL_2026_09);
        int statements = 0;
        for (String[] c : CHANGES) {
            SchemaPlan plan = SchemaDiffer.plan(live, DesiredSchemaReader.parse(c[1]), Profile.DSQL_2026_09);
            assertThat(plan.steps()).as(c[0]).isNotEmpty();
            for (PlanStep s : plan.steps()) {
                List<Diagnostic> errors = new ArrayList<>(linter.lint(s.sql() + ";").diagnostics().stream()
                        .filter(d -> d.severity() == Severity.ERROR).toList());
                assertThat(errors).as(c[0] + ": " + s.sql()).isEmpty();
                statements++;
            }
        }
        assertThat(statements).isGreaterThan(CHANGES.length);
    }

    @Test
    void theSameSchemaPlansNoSteps() {
        for (String[] c : CHANGES) {
            SchemaModel m = DesiredSchemaReader.parse(c[1]);
            assertThat(SchemaDiffer.plan(m, DesiredSchemaReader.parse(c[1]), Profile.CURRENT).steps()).as(c[0]).isEmpty();
        }
    }

    private static List<String> actions(String desired) {
        return SchemaDiffer.plan(DesiredSchemaReader.parse(BASE), DesiredSchemaReader.parse(desired), Profile.CURRENT).steps().stream()
                .map(s -> s.action() + (s.destructive() ? "!" : "") + " " + s.runs().id).toList();
    }

    @Test
    void addColumnWithDefaultIsBareAddThenDefaultThenBackfill() {
        assertThat(actions(CHANGES[0][1])).containsExactly("add column ddl", "set default ddl", "backfill default backfill");
    }

    @Test
    void whatAlterCannotReachRecreatesTheTable() {
        List<String> recreate = List.of("recreate table: create ddl", "recreate table: copy rows copy", "recreate table: check counts assert",
                "recreate table: swap out ddl", "recreate table: swap in ddl", "recreate table: drop old! ddl",
                "rename constraint ddl", "create index async");
        assertThat(actions(CHANGES[1][1])).containsExactlyElementsOf(recreate);
        assertThat(actions(CHANGES[2][1])).containsExactlyElementsOf(recreate);
        assertThat(actions(CHANGES[4][1])).containsExactlyElementsOf(recreate);
        assertThat(actions(CHANGES[14][1])).containsExactlyElementsOf(recreate);
    }

    @Test
    void constraintsAreAddedNotValidThenValidatedAsynchronously() {
        assertThat(actions(CHANGES[12][1])).containsExactly("add check constraint ddl", "validate check constraint async");
        assertThat(actions(CHANGES[13][1])).containsExactly("add column ddl", "add foreign key ddl", "validate foreign key async");
        assertThat(actions(CHANGES[11][1])).containsExactly("create unique index async", "add unique constraint ddl");
    }

    @Test
    void dropsAreDestructiveAndRenamesOnlyWhenDeclared() {
        assertThat(actions(CHANGES[3][1])).containsExactly("drop column! ddl");
        assertThat(actions(CHANGES[15][1])).containsExactly("drop table! ddl");
        assertThat(actions(CHANGES[20][1])).containsExactly("rename column ddl");
        assertThat(actions(CHANGES[21][1])).containsExactly("rename table ddl");
        // a directive names only the column it is written next to
        String two = BASE.replace("note varchar(20)", "note varchar(20),\n    extra text").replace("customer text NOT NULL,",
                "-- dsqlkit:renamed-from customer\n    buyer text NOT NULL,").replace("orders (customer)", "orders (buyer)");
        assertThat(actions(two)).containsExactly("rename column ddl", "add column ddl");
        assertThatThrownBy(() -> actions(two.replace("orders (buyer)", "orders (customer)")))
                .hasMessageContaining("index public.orders_customer_idx names column customer, which public.orders does not declare");
        String trailing = BASE.replace("note varchar(20)", "remark varchar(20), -- dsqlkit:renamed-from note\n    extra text");
        assertThat(actions(trailing)).containsExactly("rename column ddl", "add column ddl");
        // without the directive a rename is a drop and an add
        assertThat(actions(BASE.replace("note varchar(20)", "remark varchar(20)"))).containsExactly("drop column! ddl", "add column ddl");
    }

    @Test
    void theOlderProfileRefusesWhatItCannotExpressWithTheRulesMessage() {
        SchemaModel live = DesiredSchemaReader.parse(BASE);
        assertThatThrownBy(() -> SchemaDiffer.plan(live, DesiredSchemaReader.parse(CHANGES[13][1]), Profile.DSQL_2025_05))
                .isInstanceOf(SchemaException.class).hasMessageContaining("profile 2025-05").hasMessageContaining("step 2");
        assertThatThrownBy(() -> SchemaDiffer.plan(live, DesiredSchemaReader.parse(CHANGES[16][1]), Profile.DSQL_2025_05))
                .isInstanceOf(SchemaException.class).hasMessageContaining("profile 2025-05");
    }

    @Test
    void dsqlLimitsAreCheckedBeforePlanning() {
        StringBuilder many = new StringBuilder(BASE);
        for (int i = 0; i < 24; i++) many.append("CREATE INDEX ix").append(i).append(" ON orders (note);\n");
        assertThatThrownBy(() -> SchemaDiffer.plan(new SchemaModel(), DesiredSchemaReader.parse(many.toString()), Profile.CURRENT))
                .hasMessageContaining("more than 24 indexes per table are not allowed");
        String nine = "CREATE TABLE w (a int, b int, c int, d int, e int, f int, g int, h int, i int PRIMARY KEY);\n"
                + "CREATE INDEX w_all ON w (a, b, c, d, e, f, g, h, i);";
        assertThatThrownBy(() -> SchemaDiffer.plan(new SchemaModel(), DesiredSchemaReader.parse(nine), Profile.CURRENT))
                .hasMessageContaining("more than 8 column keys in an index are not supported");
    }

    @Test
    void readerRefusesWhatIsNotADeclarationAndIdentityWithoutCache() {
        assertThatThrownBy(() -> DesiredSchemaReader.parse("INSERT INTO t VALUES (1);")).hasMessageContaining("is not a declaration");
        assertThatThrownBy(() -> DesiredSchemaReader.parse("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"))
                .hasMessageContaining("CACHE");
        assertThatThrownBy(() -> DesiredSchemaReader.parse("CREATE INDEX ON t (a);")).hasMessageContaining("name the index");
    }

    @Test
    void normalisesTypesAndExpressionsAsTheCatalogPrintsThem() {
        assertThat(Normalize.type("varchar(20)")).isEqualTo("character varying(20)");
        assertThat(Normalize.type("timestamptz")).isEqualTo("timestamp with time zone");
        assertThat(Normalize.type("timestamp(3)")).isEqualTo("timestamp(3) without time zone");
        assertThat(Normalize.type("INT")).isEqualTo("integer");
        assertThat(Normalize.type("numeric(10, 2)")).isEqualTo("numeric(10,2)");
        assertThat(Normalize.sameExpr("'new'", "'new'::text")).isTrue();
        assertThat(Normalize.sameExpr("-1", "'-1'::integer")).isTrue();
        assertThat(Normalize.sameExpr("(total >= 0)", "total >= 0")).isTrue();
        assertThat(Normalize.sameExpr("'a'::character varying", "'a'")).isTrue();
        assertThat(Normalize.sameExpr("a > 1", "a > 2")).isFalse();
    }
}

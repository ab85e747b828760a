package io.dsqlkit.migrate.declarative;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.testkit.SharedDsqlLocal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against local DSQL: random pairs (A, B) of schemas; apply A, insert rows, plan and apply A -> B;
 * then the dump read back is B, rows survived, and planning again gives no steps. Tries are
 * bounded for CI time (about 20 s each); shrinking is off since the seeds do not shrink meaningfully.
 */
class SchemaPairProperties {
    private static final String S = SharedDsqlLocal.uniqueName("sp");
    private static final int ROWS = 30;

    private static SchemaApplier applier() {
        return new SchemaApplier(TestDb.dataSource(), Profile.CURRENT, x -> {});
    }

    @AfterContainer
    static void drop() throws Exception {
        SchemaFixtures.dropSchema(S);
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void applyingAThenBConvergesOnB(@ForAll long seedA, @ForAll long seedB) throws Exception {
        SchemaGen.Generated a = SchemaGen.generate(S, seedA);
        SchemaGen.Generated b = SchemaGen.generate(S, seedB);
        applier().discardUnfinished(); // an earlier failed try must not fail this one too
        applier().apply(DesiredSchemaReader.parse("CREATE SCHEMA " + S + ";"), p -> true);
        applier().apply(DesiredSchemaReader.parse(a.sql()), p -> true);
        assertThat(applier().plan(DesiredSchemaReader.parse(a.sql())).steps()).as(a.sql()).isEmpty();
        for (Map.Entry<String, Map<String, String>> t : a.tables().entrySet()) {
            List<String> cols = new ArrayList<>(List.of("id"));
            List<String> vals = new ArrayList<>(List.of("i"));
            for (String c : t.getValue().keySet()) {
                cols.add(c);
                vals.add(SchemaGen.value(c, "i"));
            }
            TestDb.fill(S + "." + t.getKey(), String.join(", ", cols), String.join(", ", vals), ROWS);
        }

        SchemaModel want = DesiredSchemaReader.parse(b.sql());
        SchemaPlan plan = applier().plan(want);
        applier().apply(want, p -> true);

        String context = "A:\n" + a.sql() + "\nB:\n" + b.sql() + "\nplan:\n" + plan.describe();
        assertThat(applier().plan(want).steps()).as(context).isEmpty();
        SchemaModel live = applier().live();
        SchemaModel dumped = DesiredSchemaReader.parse(SchemaDumper.script(live.only(java.util.Set.of(S))));
        assertThat(SchemaDiffer.plan(dumped, want, Profile.CURRENT).steps()).as(context).isEmpty();
        assertThat(SchemaDiffer.plan(want, dumped, Profile.CURRENT).steps()).as(context).isEmpty();
        for (Map.Entry<String, Map<String, String>> t : b.tables().entrySet()) {
            Map<String, String> before = a.tables().get(t.getKey());
            if (before == null) continue;
            String table = S + "." + t.getKey();
            assertThat(TestDb.count("SELECT count(*) FROM " + table)).as(context).isEqualTo(ROWS);
            for (String c : t.getValue().keySet()) {
                if (!before.containsKey(c) || c.equals("ref")) continue;
                String expected = SchemaGen.value(c, "id");
                assertThat(TestDb.count("SELECT count(*) FROM " + table + " WHERE " + c + " = " + expected)).as(context + "\ncolumn " + c)
                        .isEqualTo(ROWS);
            }
        }
    }
}

package io.dsqlkit.migrate.declarative;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema apply} stopped dead at random steps (an injected failure point: the runner's
 * progress callback throws after the k-th step committed, so nothing after it runs and no cleanup
 * happens), then re-run until one run completes: the result is the desired schema with every row,
 * and planning again gives no steps.
 */
class SchemaApplyCrashTest {
    private final String s = SharedDsqlLocal.uniqueName("sc");
    private final long seed = Long.getLong("dsqlkit.crash.seed", System.nanoTime());
    private final Random random = new Random(seed);

    /** Thrown by the progress callback: the run stops where it is. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("injected crash");
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        SchemaFixtures.dropSchema(s);
    }

    private SchemaApplier applier(Consumer<String> log) {
        return new SchemaApplier(TestDb.dataSource(), Profile.CURRENT, log);
    }

    @Test
    void applyKilledAtRandomStepsConverges() throws Exception {
        String a = "CREATE SCHEMA " + s + ";\n"
                + "CREATE TABLE " + s + ".parent (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE " + s + ".t (id bigint PRIMARY KEY, parent_id bigint, c1 integer, c3 text);\n";
        applier(x -> {}).apply(DesiredSchemaReader.parse(a), p -> true);
        TestDb.fill(s + ".parent", "id", "i", 10);
        TestDb.fill(s + ".t", "id, parent_id, c1, c3", "i, 1 + i % 10, i, 'x' || i", 4_000);
        String b = a.replace("c1 integer, c3 text)", "c1 bigint, c3 text, status text NOT NULL DEFAULT 'new', "
                        + "CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES " + s + ".parent (id), CONSTRAINT c1_positive CHECK (c1 > 0))")
                + "CREATE INDEX t_c3_idx ON " + s + ".t (c3);\n"
                + "CREATE TABLE " + s + ".audit (id bigint PRIMARY KEY, at timestamptz DEFAULT now());\n";
        SchemaModel want = DesiredSchemaReader.parse(b);
        int planned = applier(x -> {}).plan(want).steps().size();
        assertThat(planned).isGreaterThan(8);

        int crashes = 0;
        boolean converged = false;
        for (int attempt = 0; attempt < 30 && !converged; attempt++) {
            int stopAfter = 1 + random.nextInt(4);
            AtomicInteger done = new AtomicInteger();
            Consumer<String> log = line -> {
                if (line.matches("\\s+\\d+\\. .*") && done.incrementAndGet() >= stopAfter) throw new Crash();
            };
            try {
                applier(attempt < 6 ? log : x -> {}).apply(want, p -> true);
                converged = true;
            } catch (Crash e) {
                crashes++;
            }
        }
        assertThat(converged).as("seed " + seed).isTrue();
        assertThat(crashes).as("seed " + seed).isPositive();
        assertThat(applier(x -> {}).unfinished()).isEmpty();
        assertThat(applier(x -> {}).plan(want).steps()).as("seed " + seed).isEmpty();
        assertThat(TestDb.count("SELECT count(*) FROM " + s + ".t")).isEqualTo(4_000);
        assertThat(TestDb.count("SELECT count(*) FROM " + s + ".t WHERE c1 = id AND c3 = 'x' || id AND status = 'new'"))
                .as("seed " + seed).isEqualTo(4_000);
    }
}

package io.dsqlkit.rules.golden;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.dsqlkit.rules.golden.Golden.current;
import static io.dsqlkit.rules.golden.Golden.ga;

/** dsql-facts §1.6 (CREATE TABLE grammar), §1.8 (foreign keys) and §2 (static limits). */
class CreateTableRulesGoldenTest {

    static String table(int columns) {
        return "CREATE TABLE wide (" + IntStream.rangeClosed(1, columns).mapToObj(i -> "c" + i + " int")
                .collect(Collectors.joining(", ")) + ");";
    }

    static Stream<Golden> cases() {
        return Stream.of(
                current("CREATE TABLE m (id bigint, at date) PARTITION BY RANGE (at);", "create-table-partition",
                        "0A000", "PARTITION BY not supported for CREATE TABLE"),
                current("CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
                        "create-table-partition", "0A000", "PARTITION OF not supported for CREATE TABLE"),
                current("CREATE TABLE child (extra text) INHERITS (parent);", "create-table-inherits", "0A000",
                        "INHERITS not supported for CREATE TABLE"),
                current("CREATE TABLE t (id int) WITH (fillfactor = 70);", "create-table-with", "0A000",
                        "WITH not supported for CREATE TABLE"),
                current("CREATE TABLE t (id int) WITHOUT OIDS;", "create-table-with", "0A000",
                        "WITH not supported for CREATE TABLE"),
                current("CREATE TABLE t (id int) TABLESPACE fast;", "create-table-tablespace", "0A000",
                        "TABLESPACE not supported for CREATE TABLE"),
                current("CREATE TABLE t (id int) ON COMMIT DELETE ROWS;", "create-table-on-commit", "0A000",
                        "ON COMMIT not supported for CREATE TABLE"),
                current("CREATE TABLE r (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&));",
                        "exclusion-constraint", "0A000", "EXCLUDE not supported for CREATE TABLE"),
                current("CREATE TABLE r (a int, CONSTRAINT no_overlap EXCLUDE (a WITH =));", "exclusion-constraint",
                        "0A000", "EXCLUDE not supported for CREATE TABLE"),
                current(table(257), "too-many-columns", "54011", "tables can have at most 255 columns"),
                current("CREATE TABLE k (a int, b int, c int, d int, e int, f int, g int, h int, i int, "
                                + "PRIMARY KEY (a, b, c, d, e, f, g, h, i));", "too-many-key-columns", "54011",
                        "more than 8 column keys in an index are not supported"),
                current("CREATE TABLE k (a int, b int, c int, d int, e int, f int, g int, h int, i int, "
                                + "CONSTRAINT uq UNIQUE NULLS NOT DISTINCT (a, b, c, d, e, f, g, h, i));",
                        "too-many-key-columns", "54011", "more than 8 column keys in an index are not supported"),
                ga("CREATE TABLE c (id uuid PRIMARY KEY, parent uuid REFERENCES p (id));", "foreign-key-unsupported",
                        "0A000", "Foreign key constraint not supported"),
                ga("CREATE TABLE c (id uuid, p uuid, CONSTRAINT fk FOREIGN KEY (p) REFERENCES p (id));",
                        "foreign-key-unsupported", "0A000", "Foreign key constraint not supported"),
                ga("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES p (id) NOT VALID;",
                        "foreign-key-unsupported", "0A000", "Foreign key constraint not supported"),
                current("CREATE TABLE t (id int, created timestamptz GENERATED ALWAYS AS (now()) STORED);",
                        "generated-not-immutable", "42P17", "generation expression is not immutable"),
                current("CREATE TABLE t (id int, r float8 GENERATED ALWAYS AS (random() * id) STORED);",
                        "generated-not-immutable", "42P17", "generation expression is not immutable"),
                current("CREATE TABLE t (d date GENERATED ALWAYS AS (CURRENT_DATE) STORED);",
                        "generated-not-immutable", "42P17", "generation expression is not immutable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flagsWithDsqlsMessage(Golden g) {
        g.verify();
    }
}

package io.dsqlkit.migrate.integrity;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrityCheckerTest {
    @TempDir
    Path dir;

    private final String customers = SharedDsqlLocal.uniqueName("cust");
    private final String orders = SharedDsqlLocal.uniqueName("ord");
    private final String lines = SharedDsqlLocal.uniqueName("line");

    /** Undeclared relationships (the application enforces them), described in a relationships file. */
    private List<Relationship> schemaWithoutForeignKeys() throws Exception {
        TestDb.exec("CREATE TABLE " + customers + " (id bigint PRIMARY KEY, name text)",
                "CREATE TABLE " + orders + " (id bigint PRIMARY KEY, customer_id bigint)",
                "CREATE TABLE " + lines + " (order_id bigint, n int, PRIMARY KEY (order_id, n))");
        TestDb.fill(customers, "id, name", "i, 'c'", 10);
        TestDb.fill(orders, "id, customer_id", "i, i % 12", 3_500);   // customer 11 and 0 do not exist
        TestDb.fill(lines, "order_id, n", "(i % 3600) + 1, i", 3_600); // orders 3501..3600 do not exist
        Path f = dir.resolve("rel.json");
        Files.writeString(f, """
                {"relationships": [
                  {"child": "%s", "columns": ["customer_id"], "parent": "%s", "parentColumns": ["id"]},
                  {"name": "lines_order", "child": "%s", "columns": "order_id", "parent": "%s"}
                ]}""".formatted(orders, customers, lines, orders));
        return Relationship.fromFile(f);
    }

    @Test
    void findsOrphansForRelationshipsFromAFile() throws Exception {
        IntegrityChecker checker = new IntegrityChecker(TestDb.dataSource(), schemaWithoutForeignKeys());
        List<Orphans> found = checker.findOrphans(5);
        long expectedOrders = TestDb.count("SELECT count(*) FROM " + orders + " WHERE customer_id NOT BETWEEN 1 AND 10");
        assertThat(found).hasSize(2);
        assertThat(found.get(0).count()).isEqualTo(expectedOrders);
        assertThat(found.get(0).sample()).isNotEmpty().allSatisfy(r -> assertThat(r.get(0)).isIn("0", "11"));
        assertThat(found.get(1).count()).isEqualTo(100);
        assertThat(found.get(1).describe()).contains("ORPHANS").contains("100 child rows");
    }

    @Test
    void findsOrphansOfCatalogForeignKeysAsNone() throws Exception {
        String p = SharedDsqlLocal.uniqueName("fkp");
        String ch = SharedDsqlLocal.uniqueName("fkc");
        TestDb.exec("CREATE TABLE " + p + " (id bigint PRIMARY KEY)",
                "CREATE TABLE " + ch + " (id bigint PRIMARY KEY, p_id bigint REFERENCES " + p + " (id))",
                "INSERT INTO " + p + " VALUES (1)", "INSERT INTO " + ch + " VALUES (1, 1), (2, NULL)");
        List<Relationship> rels = Relationship.fromCatalog(TestDb.dataSource().getConnection()).stream()
                .filter(r -> r.child().equals(ch)).toList();
        assertThat(rels).singleElement().satisfies(r -> {
            assertThat(r.parent()).isEqualTo(p);
            assertThat(r.columns()).containsExactly("p_id");
            assertThat(r.parentColumns()).containsExactly("id");
        });
        assertThat(new IntegrityChecker(TestDb.dataSource(), rels).findOrphans(5)).singleElement()
                .satisfies(o -> assertThat(o.count()).isZero());
    }

    @Test
    void safeDeleteRefusesWithDependentsAndCascadesInChunksWhenAsked() throws Exception {
        IntegrityChecker checker = new IntegrityChecker(TestDb.dataSource(), schemaWithoutForeignKeys());
        long ordersOf1to5 = TestDb.count("SELECT count(*) FROM " + orders + " WHERE customer_id BETWEEN 1 AND 5");
        long linesOf = TestDb.count("SELECT count(*) FROM " + lines + " WHERE order_id IN (SELECT id FROM " + orders
                + " WHERE customer_id BETWEEN 1 AND 5)");

        IntegrityChecker.DeleteResult refused = checker.safeDelete(customers, "id <= 5", false, false, p -> {});
        assertThat(refused.refused()).isTrue();
        assertThat(refused.describe()).contains(ordersOf1to5 + " rows in " + orders);
        assertThat(TestDb.count("SELECT count(*) FROM " + customers)).isEqualTo(10);

        IntegrityChecker.DeleteResult dry = checker.safeDelete(customers, "id <= 5", true, true, p -> {});
        assertThat(dry.rowsDeleted()).isZero();
        assertThat(TestDb.count("SELECT count(*) FROM " + customers)).isEqualTo(10);

        IntegrityChecker.DeleteResult done = checker.safeDelete(customers, "id <= 5", true, false, p -> {});
        assertThat(done.rowsDeleted()).isEqualTo(5 + ordersOf1to5 + linesOf);
        assertThat(TestDb.count("SELECT count(*) FROM " + customers)).isEqualTo(5);
        assertThat(TestDb.count("SELECT count(*) FROM " + orders + " WHERE customer_id BETWEEN 1 AND 5")).isZero();
        // No orphans were created by the cascade (beyond those that existed before).
        assertThat(checker.findOrphans(0).get(1).count()).isEqualTo(100);

        // Deleting a parent without dependents just deletes it.
        IntegrityChecker.DeleteResult leaf = checker.safeDelete(lines, "n <= 10", false, false, p -> {});
        assertThat(leaf.refused()).isFalse();
    }
}

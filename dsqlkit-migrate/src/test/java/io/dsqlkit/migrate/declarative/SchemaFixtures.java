package io.dsqlkit.migrate.declarative;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.rules.Profile;

/** Test helpers: empty and drop a test's schema through the applier itself. */
final class SchemaFixtures {
    private SchemaFixtures() {}

    static void dropSchema(String schema) throws Exception {
        if (TestDb.count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") == 0) return;
        SchemaApplier a = new SchemaApplier(TestDb.dataSource(), Profile.CURRENT, x -> {});
        a.discardUnfinished();
        a.apply(DesiredSchemaReader.parse("CREATE SCHEMA " + schema + ";"), p -> true);
        TestDb.exec("DROP SCHEMA " + schema);
    }
}

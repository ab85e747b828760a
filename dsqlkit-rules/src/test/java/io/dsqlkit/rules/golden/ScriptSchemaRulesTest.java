package io.dsqlkit.rules.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.dsqlkit.rules.golden.Findings.CURRENT;
import static io.dsqlkit.rules.golden.Findings.GA;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules that need column types or keys from CREATE TABLE earlier in the same script (dsql-facts §1.4, §1.7, §4). */
class ScriptSchemaRulesTest {
    private static final String TABLE = """
            CREATE TABLE app.docs (
                id uuid PRIMARY KEY,
                body jsonb,
                raw bytea,
                took interval,
                at_time time with time zone,
                price numeric(10, 2),
                title text
            );
            """;

    @Test
    void keysOnTypesWithoutIndexSupportAreFlagged() {
        Findings.assertFinding(CURRENT, TABLE + "CREATE INDEX ASYNC docs_body ON app.docs (body);", "index-key-type", "0A000",
                "datatype jsonb is not supported in a key");
        Findings.assertFinding(CURRENT, TABLE + "CREATE INDEX ASYNC docs_raw ON docs (title, raw);", "index-key-type", "0A000",
                "datatype bytea is not supported in a key");
        Findings.assertFinding(CURRENT, TABLE + "CREATE INDEX ASYNC d ON docs (took);", "index-key-type", "0A000",
                "datatype interval is not supported in a key");
        Findings.assertFinding(CURRENT, TABLE + "CREATE INDEX ASYNC d ON docs (at_time);", "index-key-type", "0A000",
                "datatype time with time zone is not supported in a key");
        Findings.assertFinding(CURRENT, "CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t ADD COLUMN j json;\n"
                + "CREATE INDEX ASYNC t_j ON t (j);", "index-key-type", "0A000", "datatype json is not supported in a key");
        // numeric had no index support before 2026-08-25.
        Findings.assertFinding(GA, TABLE + "CREATE INDEX ASYNC d ON docs (price);", "index-key-type", "0A000",
                "datatype numeric is not supported in a key");
        Findings.unfixableReason(CURRENT, TABLE + "CREATE INDEX ASYNC d ON docs (body);", "index-key-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX ASYNC d ON docs (title) INCLUDE (body)",
            "CREATE INDEX ASYNC d ON docs ((body ->> 'kind'))",
            "CREATE INDEX ASYNC d ON docs (price)",
            "CREATE INDEX ASYNC d ON other.docs (body)",
            "CREATE INDEX ASYNC d ON unknown (body)",
    })
    void supportedOrUnknownKeysAreNotFlagged(String index) {
        Findings.assertNoFinding(CURRENT, TABLE + index + ";", "index-key-type");
    }

    @Test
    void theTypeMustBeKnownBeforeTheIndexAndStillExist() {
        Findings.assertNoFinding(CURRENT, "CREATE INDEX ASYNC d ON docs (body);\n" + TABLE, "index-key-type");
        Findings.assertNoFinding(CURRENT, TABLE + "DROP TABLE docs;\nCREATE TABLE docs (body text);\n"
                + "CREATE INDEX ASYNC d ON docs (body);", "index-key-type");
    }

    @Test
    void droppingAPrimaryKeyColumnIsFlagged() {
        Findings.assertFinding(CURRENT, TABLE + "ALTER TABLE app.docs DROP COLUMN id;", "alter-table-drop-primary-key-column",
                "0A000", "cannot drop primary key column id");
        Findings.assertFinding(CURRENT, "CREATE TABLE m (a int, b int, c int, CONSTRAINT m_pk PRIMARY KEY (a, b));\n"
                + "ALTER TABLE m DROP COLUMN IF EXISTS b CASCADE;", "alter-table-drop-primary-key-column", "0A000",
                "cannot drop primary key column b");
        Findings.assertNoFinding(CURRENT, TABLE + "ALTER TABLE docs DROP COLUMN title;", "alter-table-drop-primary-key-column");
        Findings.assertNoFinding(CURRENT, "ALTER TABLE docs DROP COLUMN id;", "alter-table-drop-primary-key-column");
        assertThat(Findings.unfixableReason(CURRENT, TABLE + "ALTER TABLE docs DROP COLUMN id;",
                "alter-table-drop-primary-key-column")).contains("primary key");
    }
}

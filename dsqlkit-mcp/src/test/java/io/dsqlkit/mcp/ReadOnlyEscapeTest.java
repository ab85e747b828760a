package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dsqlkit.mcp.TestDatabase.admin;
import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only escape corpus: every attack is refused (or fails) and leaves data, schema, locks,
 * large objects, sequences and session settings exactly as they were. And the legitimate-read
 * corpus: every one of these works.
 */
class ReadOnlyEscapeTest {
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static final String T = SharedDsqlLocal.uniqueName("canary");
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "dsqlkit-pwned-" + ProcessHandle.current().pid());

    @BeforeAll
    static void canary() throws Exception {
        admin("CREATE TABLE " + T + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + T + " VALUES (1, 'a;b'), (2, 'COMMIT; DROP'), (3, 'x')",
                "CREATE SEQUENCE " + T + "_seq CACHE 1");
    }

    static Stream<String> attacks() {
        String t = T;
        String p = PWNED.toString();
        return Stream.of(
                // stacked statements after transaction control, in every disguise
                "SELECT 1; DROP TABLE " + t,
                "COMMIT; DROP TABLE " + t,
                "END; DROP TABLE " + t,
                "ROLLBACK; DELETE FROM " + t,
                "ABORT; DELETE FROM " + t,
                "SELECT 1;COMMIT;DELETE FROM " + t,
                "/* x */ COMMIT /* y */; DELETE FROM " + t,
                "commit\n;\ndelete from " + t,
                "CoMmIt WORK; delete from " + t,
                "COMMIT AND CHAIN; DELETE FROM " + t,
                "END TRANSACTION; UPDATE " + t + " SET v = 'pwned'",
                "SELECT $$;$$; DELETE FROM " + t,
                "SELECT $q$ $$ ; $q$; DELETE FROM " + t,
                "SELECT ';'; DELETE FROM " + t,
                "SELECT E'\\';'; DELETE FROM " + t,
                "SELECT 1 -- ;\n; DELETE FROM " + t,
                "SELECT/**/1;/**/DELETE/**/FROM/**/" + t,
                "SELECT 1 \n;\n\n ROLLBACK;   DROP TABLE " + t,
                "COMMIT",
                "ROLLBACK",
                "BEGIN; DELETE FROM " + t + "; COMMIT",
                "START TRANSACTION READ WRITE; DELETE FROM " + t,
                "BEGIN READ WRITE",
                // DML in CTEs, SELECT INTO, locking reads
                "WITH d AS (DELETE FROM " + t + " RETURNING *) SELECT * FROM d",
                "WITH u AS (UPDATE " + t + " SET v = 'x' RETURNING 1) SELECT 1",
                "WITH i AS (INSERT INTO " + t + " VALUES (99, 'x') RETURNING 1) SELECT * FROM i",
                "SELECT * INTO evil_" + t + " FROM " + t,
                "SELECT * FROM " + t + " FOR UPDATE",
                "SELECT * FROM " + t + " FOR NO KEY UPDATE",
                "EXPLAIN ANALYZE DELETE FROM " + t,
                // session state
                "SELECT set_config('search_path', 'evil', false)",
                "SELECT pg_catalog.set_config('statement_timeout', '1', false)",
                "SELECT \"set_config\"('search_path', 'evil', false)",
                "SELECT * FROM " + t + " WHERE set_config('search_path', 'evil', false) IS NOT NULL",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                "SET search_path TO evil",
                "SET LOCAL search_path TO evil",
                "RESET ALL",
                "DISCARD ALL",
                "PREPARE p AS DELETE FROM " + t,
                "EXECUTE p",
                "DEALLOCATE ALL",
                "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
                "LISTEN chan",
                // code, files, programs
                "DO $$BEGIN DELETE FROM " + t + "; END$$",
                "COPY " + t + " TO PROGRAM 'touch " + p + "'",
                "COPY (SELECT 1) TO '" + p + "'",
                "COPY " + t + " FROM '/etc/hostname'",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT pg_read_binary_file('/etc/passwd')",
                "SELECT * FROM pg_ls_dir('.')",
                "SELECT pg_stat_file('/etc/passwd')",
                "SELECT query_to_xml('DELETE FROM " + t + "', true, true, '')",
                "SELECT dblink_exec('dbname=postgres', 'DELETE FROM " + t + "')",
                // locks and large objects that outlive the call
                "SELECT pg_advisory_lock(42)",
                "SELECT pg_try_advisory_lock(42)",
                "SELECT pg_catalog.pg_advisory_lock_shared(43)",
                "SELECT lo_create(0)",
                "SELECT lo_import('/etc/hostname')",
                "SELECT lo_from_bytea(0, 'x')",
                // sequences, server state, sleeps
                "SELECT nextval('" + t + "_seq')",
                "SELECT setval('" + t + "_seq', 100)",
                "SELECT pg_terminate_backend(pg_backend_pid())",
                "SELECT pg_reload_conf()",
                "SELECT pg_sleep(600)",
                "SELECT pg_sleep_for('10 minutes')",
                "SELECT txid_current()",
                // plain writes and DDL
                "DELETE FROM " + t,
                "UPDATE " + t + " SET v = 'x'",
                "INSERT INTO " + t + " VALUES (5, 'x')",
                "DROP TABLE " + t,
                "CREATE TABLE evil_table (id int)",
                "TRUNCATE " + t,
                "ALTER TABLE " + t + " ADD COLUMN evil int",
                "GRANT ALL ON " + t + " TO PUBLIC",
                "VACUUM " + t,
                "ANALYZE " + t,
                "CALL evil()",
                "LOCK TABLE " + t,
                "",
                "   -- only a comment",
                "SELECT 'unterminated");
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void attackIsRefusedAndLeavesEverythingUntouched(String sql) throws Exception {
        String before = fingerprint();
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", sql));
        assertThat(r.isError()).as("query(%s) must fail: %s", sql, r).isTrue();
        assertThat(call(RO, "readonly_query", Map.of("sql", sql)).isError()).isTrue();
        assertThat(fingerprint()).as("database changed by: " + sql).isEqualTo(before);
        assertThat(PWNED).doesNotExist();
    }

    @Test
    void sessionsStayCleanAcrossThePool() throws Exception {
        for (int i = 0; i < 25; i++) {
            Map<String, Object> s = structured(call(RO, "query", Map.of("sql",
                    "SELECT current_setting('search_path') AS sp, current_setting('transaction_read_only') AS ro")));
            @SuppressWarnings("unchecked")
            Map<String, Object> row = ((List<Map<String, Object>>) s.get("rows")).get(0);
            assertThat(row.get("sp")).isEqualTo("\"$user\", public");
            assertThat(row.get("ro")).isEqualTo("on");
        }
    }

    /** Data, catalog, locks, large objects and sequence state, as one string. */
    static String fingerprint() throws Exception {
        return DatabaseFingerprint.of(List.of(T), List.of(T + "_seq"));
    }

    static Stream<Object[]> legitimateReads() {
        String t = T;
        return Stream.of(
                new Object[] {"SELECT 1 UNION SELECT 2", List.of()},
                new Object[] {"SELECT id FROM " + t + " UNION ALL SELECT id FROM " + t + " ORDER BY 1", List.of()},
                new Object[] {"SELECT replace(v, ';', ',') FROM " + t, List.of()},
                new Object[] {"SELECT 'COMMIT; DROP TABLE " + t + "' AS s", List.of()},
                new Object[] {"SELECT $$ ; DELETE FROM " + t + " $$ AS s", List.of()},
                new Object[] {"SELECT $x$ it's $$ fine; $x$ AS s", List.of()},
                new Object[] {"SELECT 1 -- ; DELETE FROM " + t, List.of()},
                new Object[] {"/* ; COMMIT; */ SELECT 1", List.of()},
                new Object[] {"SELECT E'it\\'s; fine' AS s", List.of()},
                new Object[] {"SELECT * FROM " + t + ";", List.of()},
                new Object[] {"SELECT * FROM " + t + " WHERE v LIKE '%;%'", List.of()},
                new Object[] {"WITH x AS (SELECT * FROM " + t + ") SELECT count(*) FROM x", List.of()},
                new Object[] {"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r", List.of()},
                new Object[] {"SELECT id, row_number() OVER (ORDER BY id), lag(v) OVER w FROM " + t + " WINDOW w AS (ORDER BY id)", List.of()},
                new Object[] {"SELECT count(*) FILTER (WHERE id > 1) FROM " + t, List.of()},
                new Object[] {"SELECT DISTINCT ON (id) id, v FROM " + t + " ORDER BY id", List.of()},
                new Object[] {"SELECT * FROM " + t + " a JOIN " + t + " b USING (id) JOIN LATERAL (SELECT a.id AS x) l ON true", List.of()},
                new Object[] {"VALUES (1, 'a'), (2, 'b')", List.of()},
                new Object[] {"TABLE " + t, List.of()},
                new Object[] {"SHOW search_path", List.of()},
                new Object[] {"EXPLAIN SELECT * FROM " + t, List.of()},
                new Object[] {"SELECT \"v\" AS \"commit\" FROM " + t, List.of()},
                new Object[] {"SELECT 1 AS update, 2 AS delete, 'set_config(' AS s", List.of()},
                new Object[] {"SELECT lower('DELETE'), coalesce(null, 'x'), now() IS NOT NULL", List.of()},
                new Object[] {"SELECT jsonb_build_object('a', 1) ? 'a' AS has_a", List.of()},
                new Object[] {"SELECT pg_sleep(0.05)", List.of()},
                new Object[] {"SELECT current_setting('search_path')", List.of()},
                new Object[] {"SELECT $1::int + 1 AS answer", List.of(41)},
                new Object[] {"SELECT 'a' || $1 AS s", List.of(";DROP TABLE " + t)},
                new Object[] {"SELECT * FROM " + t + " WHERE id = ANY($1::int[])", List.of("{1,2}")},
                new Object[] {"SELECT * FROM " + t + " WHERE id IN ($1, $2) AND v <> $1::text", List.of(1, 2)},
                new Object[] {"SELECT generate_series(1, 3) AS g", List.of()},
                new Object[] {"SELECT currval_sim FROM (SELECT 1 AS currval_sim) s", List.of()},
                new Object[] {"SELECT * FROM (SELECT 1) AS commit(x)", List.of()},
                // realistic analytics: every function here is a built-in on the read allowlist
                new Object[] {"SELECT date_trunc('day', now()) AS d, count(*), sum(id), avg(id)::numeric(10,2), coalesce(max(v), '-') FROM " + t, List.of()},
                new Object[] {"SELECT to_char(date_trunc('month', d), 'YYYY-MM') AS m, count(*) FROM generate_series(now() - interval '90 days', now(), "
                        + "interval '1 day') AS g(d) GROUP BY 1 ORDER BY 1", List.of()},
                new Object[] {"SELECT extract(epoch FROM now())::bigint > 0 AS ok, age(now(), now() - interval '1 year') AS a, "
                        + "make_date(2026, 1, 31) + 1 AS next_day", List.of()},
                new Object[] {"SELECT upper(v), length(v), substring(v FROM 1 FOR 2), position('b' IN v), split_part(v, ';', 1), "
                        + "regexp_replace(v, '[;]', ' ', 'g'), trim(both ' ' FROM v), left(v, 1), format('%s-%s', id, v), md5(v) FROM " + t, List.of()},
                new Object[] {"SELECT jsonb_build_object('id', id, 'v', v) -> 'v' AS j, jsonb_agg(v) OVER () ->> 0 AS first, "
                        + "to_jsonb(x) ? 'v' AS has_v FROM " + t + " x", List.of()},
                new Object[] {"SELECT j ->> 'a' AS a, jsonb_array_length(j -> 'b') AS n, e.value FROM (SELECT '{\"a\": \"x\", \"b\": [1, 2]}'::jsonb AS j) s, "
                        + "jsonb_array_elements(j -> 'b') AS e", List.of()},
                new Object[] {"SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, "
                        + "rank() OVER (ORDER BY v DESC), ntile(2) OVER (ORDER BY id), first_value(v) OVER (ORDER BY id) FROM " + t, List.of()},
                new Object[] {"WITH daily AS (SELECT date_trunc('day', now()) AS d, count(*) AS n FROM " + t + " GROUP BY 1), "
                        + "totals AS (SELECT sum(n) AS total FROM daily) SELECT d, n, round(100.0 * n / nullif(total, 0), 1) AS pct FROM daily, totals",
                        List.of()},
                new Object[] {"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY id), string_agg(v, ',' ORDER BY id), array_agg(id), "
                        + "bool_and(id > 0), count(DISTINCT v) FROM " + t, List.of()},
                new Object[] {"SELECT greatest(1, 2), least(1, 2), nullif(1, 1), abs(-1), round(2.567, 2), ceil(1.2), floor(1.8), "
                        + "power(2, 10), sqrt(16), mod(7, 3), random() < 2, gen_random_uuid() IS NOT NULL, clock_timestamp() IS NOT NULL", List.of()},
                new Object[] {"SELECT unnest(ARRAY[1, 2, 3]) AS n, array_length(ARRAY[1, 2], 1), array_to_string(ARRAY['a', 'b'], ','), "
                        + "cardinality(ARRAY[1]), to_regclass('x') IS NULL AS no_x", List.of()},
                new Object[] {"SELECT c.relname, pg_size_pretty(pg_total_relation_size(c.oid)), format_type(a.atttypid, a.atttypmod) "
                        + "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relname = $1 AND a.attnum > 0", List.of(t)},
                new Object[] {"SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name = $1", List.of(t)},
                new Object[] {"SELECT schemaname, tablename FROM pg_tables WHERE tablename = $1", List.of(t)},
                new Object[] {"SELECT * FROM " + t + " WHERE id BETWEEN 1 AND 2 AND v IS DISTINCT FROM 'z' AND v ILIKE '%A%' "
                        + "AND (id, v) > (0, '') AND v SIMILAR TO '%' AND v ~ '.' AND EXISTS (SELECT 1 FROM " + t + " y WHERE y.id = " + t + ".id)",
                        List.of()},
                new Object[] {"SELECT current_date, current_timestamp, localtimestamp, current_user, session_user, current_database(), "
                        + "version(), pg_typeof(1), now() AT TIME ZONE 'UTC'", List.of()});
    }

    @ParameterizedTest
    @MethodSource("legitimateReads")
    void legitimateReadWorks(String sql, List<Object> params) {
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", sql, "parameters", params));
        assertThat(r.isError()).as("query(%s) must work: %s", sql, r).isFalse();
    }
}

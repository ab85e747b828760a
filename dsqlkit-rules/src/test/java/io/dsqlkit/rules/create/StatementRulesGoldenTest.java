package io.dsqlkit.rules.create;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.dsqlkit.rules.create.Golden.current;
import static io.dsqlkit.rules.create.Golden.ga;

/** dsql-facts §1.1: statements DSQL refuses outright, with the recorded SQLSTATE and text. */
class StatementRulesGoldenTest {

    static Stream<Golden> cases() {
        return Stream.of(
                current("TRUNCATE t", "truncate", "0A000", "unsupported statement: Truncate"),
                current("truncate table public.orders, items restart identity cascade;", "truncate", "0A000",
                        "unsupported statement: Truncate"),
                ga("TRUNCATE t;", "truncate", "0A000", "unsupported statement: Truncate"),
                current("CREATE EXTENSION IF NOT EXISTS pgcrypto;", "create-extension", "0A000",
                        "unsupported statement: CreateExtension"),
                current("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();", "create-trigger",
                        "0A000", "CREATE TRIGGER not supported"),
                current("create or replace constraint trigger trg after insert on t for each row execute function f()",
                        "create-trigger", "0A000", "CREATE TRIGGER not supported"),
                current("CREATE DATABASE app;", "create-database", "0A000", "unsupported statement: Createdb"),
                current("CREATE TEMP TABLE scratch (id int);", "temporary-table", "0A000",
                        "TEMPORARY or TEMP table not supported for CREATE TABLE"),
                current("CREATE GLOBAL TEMPORARY TABLE scratch (id int);", "temporary-table", "0A000",
                        "TEMPORARY or TEMP table not supported for CREATE TABLE"),
                current("CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);", "unlogged-table", "0A000",
                        "UNLOGGED table not supported for CREATE TABLE"),
                current("CREATE MATERIALIZED VIEW mv AS SELECT 1;", "create-materialized-view", "0A000",
                        "unsupported statement: CreateTableAs"),
                current("CREATE TABLE copy AS SELECT * FROM t;", "create-table-as", "0A000",
                        "unsupported statement: CreateTableAs"),
                current("CREATE TABLE IF NOT EXISTS copy (a, b) AS TABLE t WITH NO DATA;", "create-table-as", "0A000",
                        "unsupported statement: CreateTableAs"),
                current("SELECT * INTO archive FROM orders WHERE placed < now();", "select-into", "0A000",
                        "unsupported statement: CreateTableAs"),
                current("WITH x AS (SELECT 1 AS a) SELECT a INTO newt FROM x;", "select-into", "0A000",
                        "unsupported statement: CreateTableAs"),
                current("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');", "create-type", "0A000",
                        "CREATE TYPE not supported"),
                current("CREATE TYPE pair AS (a int, b text);", "create-type", "0A000",
                        "unsupported statement: CompositeType"),
                current("CREATE TYPE floatrange AS RANGE (subtype = float8);", "create-type", "0A000",
                        "unsupported statement: CreateRange"),
                current("ALTER TYPE mood ADD VALUE 'meh';", "alter-type", "0A000", "ALTER TYPE not supported"),
                current("ALTER TYPE mood RENAME TO feeling;", "alter-type", "0A000",
                        "unsupported object in RENAME statement"),
                current("CREATE TYPE mood AS ENUM ('sad');\nCREATE TABLE p (name text, m public.mood NOT NULL);",
                        "undefined-type", "42704", "type \"mood\" does not exist"),
                current("DROP TYPE IF EXISTS mood;", "drop-type", "0A000", "unsupported object in DROP statement"),
                current("CREATE TABLESPACE fast LOCATION '/ssd';", "create-tablespace", "0A000",
                        "unsupported statement: CreateTableSpace"),
                current("CREATE FOREIGN TABLE ft (id int) SERVER s;", "create-foreign-table", "0A000",
                        "unsupported statement: CreateForeignTable"),
                current("VACUUM t;", "vacuum", "0A000", "unsupported VACUUM statement"),
                current("VACUUM (FULL, ANALYZE) t;", "vacuum", "0A000", "unsupported VACUUM statement"),
                current("LISTEN jobs;", "listen-notify", "0A000", "unsupported statement: Listen"),
                current("NOTIFY jobs, 'go';", "listen-notify", "0A000", "unsupported statement: Notify"),
                current("UNLISTEN *;", "listen-notify", "0A000", "unsupported statement: Unlisten"),
                current("ALTER SYSTEM SET work_mem = '64MB';", "alter-system", "0A000",
                        "unsupported statement: AlterSystem"),
                current("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;",
                        "function-language", "0A000", "CREATE FUNCTION with language plpgsql not supported"),
                current("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE 'plpgsql' AS 'begin return 1; end';",
                        "function-language", "0A000", "CREATE FUNCTION with language plpgsql not supported"),
                current("CREATE FUNCTION f(int) RETURNS int AS 'lib', 'f' LANGUAGE C STRICT;", "function-language",
                        "0A000", "CREATE FUNCTION with language c not supported"),
                current("CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;", "create-procedure", "0A000",
                        "PROCEDURE is not supported"),
                current("DO $$ BEGIN RAISE NOTICE 'hi'; END $$;", "do-block", "0A000", "unsupported statement: Do"),
                current("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v;", "merge", "0A000",
                        "unsupported statement type: MERGE"),
                current("CREATE POLICY p ON t USING (owner = current_user);", "create-policy", "0A000",
                        "unsupported statement: CreatePolicy"),
                current("PREPARE q (int) AS SELECT * FROM t WHERE id = $1;", "sql-prepare", "0A000",
                        "unsupported statement: Prepare"),
                current("DEALLOCATE q;", "deallocate", "0A000", "unsupported statement: Deallocate"),
                current("DEALLOCATE PREPARE q;", "deallocate", "0A000", "unsupported statement: Deallocate"),
                current("DISCARD ALL;", "discard", "0A000", "unsupported statement: Discard"),
                current("DECLARE c NO SCROLL CURSOR WITH HOLD FOR SELECT * FROM t;", "declare-cursor", "0A000",
                        "unsupported statement: DeclareCursor"),
                current("COPY t FROM '/tmp/t.csv' WITH (FORMAT csv);", "copy-file", "42501",
                        "permission denied to COPY from a file"),
                current("COPY (SELECT * FROM t) TO '/tmp/out.csv';", "copy-file", "42501",
                        "permission denied to COPY to a file"),
                current("COPY t (a, b) FROM PROGRAM 'gunzip -c t.gz';", "copy-file", "42501",
                        "permission denied to COPY to or from an external program"),
                current("CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw;", "create-server", "0A000",
                        "unsupported statement: CreateForeignServer"),
                current("ALTER ROLE app WITH PASSWORD 'secret';", "alter-role", "0A000",
                        "unsupported statement: AlterRole"),
                current("ALTER USER app SET search_path = app;", "alter-role", "0A000",
                        "unsupported statement: AlterRoleSet"),
                current("ALTER FUNCTION add(int, int) IMMUTABLE;", "alter-function", "0A000",
                        "unsupported statement: AlterFunction"),
                current("ALTER ROUTINE app.f SET search_path = app;", "alter-function", "0A000",
                        "unsupported statement: AlterFunction"),
                current("SELECT * FROM docs WHERE to_tsvector('english', body) @@ to_tsquery('cat');",
                        "text-search-config", "42704", "text search configuration \"english\" does not exist"),
                current("SELECT plainto_tsquery(E'english', 'a b'), 1;", "text-search-config", "42704",
                        "text search configuration \"english\" does not exist"),
                current("SELECT * FROM d WHERE tsv @@ to_tsquery('french'::regconfig, 'chat');", "text-search-config",
                        "42704", "text search configuration \"french\" does not exist"),
                current("SELECT websearch_to_tsquery('simple', 'a b');", "text-search-config", "42704",
                        "text search configuration \"simple\" does not exist"),
                current("SELECT line('{1,2,3}');", "geometric-function", "0A000", "datatype line not supported"),
                current("SELECT circle(point(0,0), 1.0);", "geometric-function", "0A000",
                        "datatype circle not supported"),
                current("INSERT INTO shapes (c) VALUES (circle('<(0,0),1>'));", "geometric-function", "0A000",
                        "datatype circle not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flagsWithDsqlsMessage(Golden g) {
        g.verify();
    }
}

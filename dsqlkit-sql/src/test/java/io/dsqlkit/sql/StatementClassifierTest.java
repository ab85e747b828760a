package io.dsqlkit.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            SELECT 1                                                     | QUERY               | SELECT
            (SELECT 1) UNION (SELECT 2)                                  | QUERY               | SELECT
            select * from t for update                                   | DML                 | SELECT
            select * from t for no key update                            | DML                 | SELECT
            select * from t for key share                                | DML                 | SELECT
            select * from t for share nowait                             | DML                 | SELECT
            select * from (select * from t for update) s                 | DML                 | SELECT
            select substring(a from 1 for 2) from t                      | QUERY               | SELECT
            select a into new_t from t                                   | DML                 | SELECT
            select 'for update', "into" from t                           | QUERY               | SELECT
            VALUES (1), (2)                                              | QUERY               | VALUES
            TABLE t                                                      | QUERY               | TABLE
            WITH x AS (SELECT 1) SELECT * FROM x                         | QUERY               | SELECT
            WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM x) SELECT n FROM x | QUERY | SELECT
            WITH x AS MATERIALIZED (SELECT 1), y AS NOT MATERIALIZED (SELECT 2) SELECT 1 | QUERY | SELECT
            with d as (delete from t returning *) select * from d        | DML                 | SELECT
            with a as (select 1), d as (update t set a = 1 returning a) select 1 | DML         | SELECT
            with x as (select 1) insert into t select * from x           | DML                 | INSERT
            with x as (select 1) update t set a = 1                      | DML                 | UPDATE
            with x as (select 1) delete from t                           | DML                 | DELETE
            with x as (with y as (insert into t values (1) returning a) select a from y) select * from x | DML | SELECT
            with x as (select 1) (select * from x)                       | QUERY               | SELECT
            with x as (select * from t for update) select * from x       | DML                 | SELECT
            WITH x AS (SELECT 1) SELECT * FROM x FOR KEY SHARE           | DML                 | SELECT
            EXPLAIN ANALYZE WITH d AS (DELETE FROM t RETURNING 1) SELECT * FROM d | DML         | EXPLAIN
            EXPLAIN (ANALYZE on) SELECT * FROM t FOR UPDATE              | DML                 | EXPLAIN
            WITH x AS (SELECT 1)                                         | QUERY               | WITH
            INSERT INTO t VALUES (1)                                     | DML                 | INSERT
            UPDATE t SET a = 1                                           | DML                 | UPDATE
            DELETE FROM t                                                | DML                 | DELETE
            MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE | DML                 | MERGE
            TRUNCATE t                                                   | DML                 | TRUNCATE
            COPY t FROM STDIN                                            | DML                 | COPY
            COPY t (a, b) FROM '/tmp/x' WITH (FORMAT csv)                | DML                 | COPY
            COPY t TO STDOUT                                             | UTILITY             | COPY
            COPY (SELECT * FROM t WHERE a IN (SELECT a FROM u)) TO STDOUT | UTILITY            | COPY
            SHOW search_path                                             | QUERY               | SHOW
            EXPLAIN SELECT 1                                             | QUERY               | EXPLAIN
            EXPLAIN ANALYZE SELECT 1                                     | QUERY               | EXPLAIN
            EXPLAIN ANALYZE DELETE FROM t                                | DML                 | EXPLAIN
            EXPLAIN ANALYZE VERBOSE UPDATE t SET a = 1                   | DML                 | EXPLAIN
            EXPLAIN DELETE FROM t                                        | QUERY               | EXPLAIN
            EXPLAIN (ANALYZE, BUFFERS) INSERT INTO t VALUES (1)          | DML                 | EXPLAIN
            EXPLAIN (ANALYZE false) INSERT INTO t VALUES (1)             | QUERY               | EXPLAIN
            EXPLAIN (COSTS off) DELETE FROM t                            | QUERY               | EXPLAIN
            CREATE TABLE t (a int)                                       | DDL                 | CREATE TABLE
            CREATE TEMP TABLE t (a int)                                  | DDL                 | CREATE TABLE
            create temporary table t (a int)                             | DDL                 | CREATE TABLE
            CREATE GLOBAL TEMPORARY TABLE t (a int)                      | DDL                 | CREATE TABLE
            CREATE UNLOGGED TABLE t (a int)                              | DDL                 | CREATE TABLE
            CREATE TABLE t AS SELECT 1                                   | DDL                 | CREATE TABLE
            CREATE TABLE temporary_cache (a int)                         | DDL                 | CREATE TABLE
            CREATE INDEX ASYNC i ON t (a)                                | DDL                 | CREATE INDEX
            CREATE UNIQUE INDEX ASYNC i ON t (a)                         | DDL                 | CREATE INDEX
            CREATE INDEX CONCURRENTLY i ON t (a)                         | DDL                 | CREATE INDEX
            CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql   | DDL                 | CREATE FUNCTION
            CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ select 1 $$ LANGUAGE sql | DDL  | CREATE FUNCTION
            CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS $$ $$        | DDL                 | CREATE PROCEDURE
            CREATE MATERIALIZED VIEW mv AS SELECT 1                      | DDL                 | CREATE MATERIALIZED VIEW
            CREATE OR REPLACE TEMP VIEW v AS SELECT 1                    | DDL                 | CREATE VIEW
            CREATE RECURSIVE VIEW v (n) AS SELECT 1                      | DDL                 | CREATE VIEW
            CREATE FOREIGN TABLE ft (a int) SERVER s                     | DDL                 | CREATE FOREIGN TABLE
            CREATE FOREIGN DATA WRAPPER w                                | DDL                 | CREATE FOREIGN DATA WRAPPER
            CREATE TYPE mood AS ENUM ('a')                               | DDL                 | CREATE TYPE
            CREATE SEQUENCE s CACHE 65536                                | DDL                 | CREATE SEQUENCE
            CREATE TEMP SEQUENCE s                                       | DDL                 | CREATE SEQUENCE
            CREATE SCHEMA app                                            | DDL                 | CREATE SCHEMA
            CREATE EXTENSION IF NOT EXISTS pgcrypto                      | DDL                 | CREATE EXTENSION
            CREATE TRIGGER tr BEFORE INSERT ON t EXECUTE FUNCTION f()    | DDL                 | CREATE TRIGGER
            CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f() | DDL         | CREATE TRIGGER
            CREATE OR REPLACE TRIGGER tr BEFORE INSERT ON t EXECUTE FUNCTION f() | DDL        | CREATE TRIGGER
            CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f() | DDL           | CREATE EVENT TRIGGER
            CREATE DATABASE d                                            | DDL                 | CREATE DATABASE
            CREATE ROLE r                                                | DDL                 | CREATE ROLE
            CREATE USER u                                                | DDL                 | CREATE USER
            CREATE USER MAPPING FOR u SERVER s                           | DDL                 | CREATE USER MAPPING
            CREATE DOMAIN d AS int                                       | DDL                 | CREATE DOMAIN
            CREATE POLICY p ON t USING (true)                            | DDL                 | CREATE POLICY
            CREATE STATISTICS s ON a, b FROM t                           | DDL                 | CREATE STATISTICS
            CREATE TABLESPACE ts LOCATION '/x'                           | DDL                 | CREATE TABLESPACE
            CREATE TRUSTED PROCEDURAL LANGUAGE l                         | DDL                 | CREATE LANGUAGE
            CREATE DEFAULT CONVERSION c FOR 'a' TO 'b' FROM f            | DDL                 | CREATE CONVERSION
            CREATE TEXT SEARCH CONFIGURATION c (PARSER = p)              | DDL                 | CREATE TEXT SEARCH CONFIGURATION
            CREATE OPERATOR CLASS c FOR TYPE int USING btree AS OPERATOR 1 < | DDL            | CREATE OPERATOR CLASS
            CREATE OPERATOR === (FUNCTION = f)                           | DDL                 | CREATE OPERATOR
            CREATE ACCESS METHOD m TYPE TABLE HANDLER h                  | DDL                 | CREATE ACCESS METHOD
            ALTER TABLE t ADD COLUMN a int                               | DDL                 | ALTER TABLE
            ALTER TABLE ASYNC t VALIDATE CONSTRAINT c                    | DDL                 | ALTER TABLE
            ALTER INDEX i RENAME TO j                                    | DDL                 | ALTER INDEX
            ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO r         | DDL                 | ALTER DEFAULT PRIVILEGES
            ALTER MATERIALIZED VIEW mv RENAME TO x                       | DDL                 | ALTER MATERIALIZED VIEW
            ALTER SYSTEM SET work_mem = '1MB'                            | DDL                 | ALTER SYSTEM
            DROP TABLE IF EXISTS t                                       | DDL                 | DROP TABLE
            DROP INDEX CONCURRENTLY i                                    | DDL                 | DROP INDEX
            DROP OWNED BY r                                              | DDL                 | DROP OWNED
            COMMENT ON TABLE t IS 'x'                                    | DDL                 | COMMENT
            GRANT SELECT ON t TO r                                       | DDL                 | GRANT
            REVOKE SELECT ON t FROM r                                    | DDL                 | REVOKE
            SECURITY LABEL ON TABLE t IS 'x'                             | DDL                 | SECURITY LABEL
            REINDEX TABLE t                                              | DDL                 | REINDEX
            REFRESH MATERIALIZED VIEW CONCURRENTLY mv                    | DDL                 | REFRESH MATERIALIZED VIEW
            AWS IAM GRANT r TO 'arn:aws:iam::1:role/x'                   | DDL                 | AWS IAM GRANT
            aws iam revoke r from 'arn:aws:iam::1:role/x'                | DDL                 | AWS IAM REVOKE
            SET search_path = app                                        | SESSION             | SET
            SET LOCAL statement_timeout = 0                              | SESSION             | SET
            SET SESSION AUTHORIZATION u                                  | SESSION             | SET
            SET ROLE r                                                   | SESSION             | SET
            SET TRANSACTION ISOLATION LEVEL SERIALIZABLE                 | SESSION             | SET TRANSACTION
            SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY         | SESSION             | SET SESSION CHARACTERISTICS
            SET CONSTRAINTS ALL DEFERRED                                 | SESSION             | SET CONSTRAINTS
            RESET ALL                                                    | SESSION             | RESET
            DISCARD ALL                                                  | SESSION             | DISCARD
            BEGIN                                                        | TRANSACTION_CONTROL | BEGIN
            begin transaction isolation level repeatable read            | TRANSACTION_CONTROL | BEGIN
            START TRANSACTION READ WRITE                                 | TRANSACTION_CONTROL | START TRANSACTION
            COMMIT                                                       | TRANSACTION_CONTROL | COMMIT
            COMMIT AND CHAIN                                             | TRANSACTION_CONTROL | COMMIT
            COMMIT PREPARED 'x'                                          | TRANSACTION_CONTROL | COMMIT PREPARED
            END                                                          | TRANSACTION_CONTROL | END
            ROLLBACK                                                     | TRANSACTION_CONTROL | ROLLBACK
            ROLLBACK WORK                                                | TRANSACTION_CONTROL | ROLLBACK
            ROLLBACK TO SAVEPOINT s                                      | TRANSACTION_CONTROL | ROLLBACK TO
            ROLLBACK TRANSACTION TO s                                    | TRANSACTION_CONTROL | ROLLBACK TO
            ROLLBACK PREPARED 'x'                                        | TRANSACTION_CONTROL | ROLLBACK PREPARED
            ABORT                                                        | TRANSACTION_CONTROL | ABORT
            SAVEPOINT s                                                  | TRANSACTION_CONTROL | SAVEPOINT
            RELEASE SAVEPOINT s                                          | TRANSACTION_CONTROL | RELEASE
            PREPARE TRANSACTION 'x'                                      | TRANSACTION_CONTROL | PREPARE TRANSACTION
            PREPARE q (int) AS SELECT $1                                 | UTILITY             | PREPARE
            EXECUTE q (1)                                                | UTILITY             | EXECUTE
            DEALLOCATE ALL                                               | UTILITY             | DEALLOCATE
            CALL p(1)                                                    | UTILITY             | CALL
            DO $$ BEGIN NULL; END $$                                     | UTILITY             | DO
            VACUUM t                                                     | UTILITY             | VACUUM
            ANALYZE t                                                    | UTILITY             | ANALYZE
            ANALYSE t                                                    | UTILITY             | ANALYZE
            LOCK TABLE t IN ACCESS EXCLUSIVE MODE                        | UTILITY             | LOCK
            LISTEN c                                                     | UTILITY             | LISTEN
            NOTIFY c, 'x'                                                | UTILITY             | NOTIFY
            UNLISTEN *                                                   | UTILITY             | UNLISTEN
            DECLARE c CURSOR FOR SELECT 1                                | UTILITY             | DECLARE
            FETCH NEXT FROM c                                            | UTILITY             | FETCH
            CLOSE c                                                      | UTILITY             | CLOSE
            CHECKPOINT                                                   | UTILITY             | CHECKPOINT
            CLUSTER t USING i                                            | UTILITY             | CLUSTER
            LOAD 'x'                                                     | UTILITY             | LOAD
            IMPORT FOREIGN SCHEMA s FROM SERVER f INTO app               | UTILITY             | IMPORT FOREIGN SCHEMA
            frobnicate the widgets                                       | UTILITY             | FROBNICATE
            `-- only a comment`                                          | EMPTY               | ``
            """)
    void classifies(String sql, StatementCategory category, String kind) {
        List<Statement> st = ScriptSplitter.split(sql);
        assertThat(st).hasSize(1);
        assertThat(st.get(0).category()).isEqualTo(category);
        assertThat(st.get(0).kind()).isEqualTo(kind);
    }
}

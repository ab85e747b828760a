package io.dsqlkit.rules.golden;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.dsqlkit.rules.golden.Golden.current;
import static io.dsqlkit.rules.golden.Golden.ga;

/** dsql-facts §1.4, §2: column types in CREATE TABLE and ALTER TABLE ADD COLUMN. */
class ColumnTypeRulesGoldenTest {

    static Stream<Golden> cases() {
        return Stream.of(
                current("CREATE TABLE t (id serial PRIMARY KEY, name text);", "serial-type", "42704",
                        "type \"serial\" does not exist"),
                current("CREATE TABLE t (id BIGSERIAL NOT NULL);", "serial-type", "42704",
                        "type \"bigserial\" does not exist"),
                ga("CREATE TABLE t (id smallserial);", "serial-type", "42704", "type \"smallserial\" does not exist"),
                current("ALTER TABLE t ADD COLUMN id serial;", "serial-type", "42704", "type \"serial\" does not exist"),
                current("CREATE TABLE t (tags int[]);", "array-type", "0A000", "datatype integer[] not supported"),
                current("CREATE TABLE t (tags text[]);", "array-type", "0A000", "datatype text[] not supported"),
                current("CREATE TABLE t (m integer ARRAY[4]);", "array-type", "0A000", "datatype integer[] not supported"),
                current("CREATE TABLE t (m int4[][]);", "array-type", "0A000", "datatype integer[] not supported"),
                current("CREATE TABLE t (m _int4);", "array-type", "0A000", "datatype integer[] not supported"),
                current("CREATE TABLE t (names varchar(20)[]);", "array-type", "0A000",
                        "datatype character varying[] not supported"),
                current("CREATE TABLE t (ts timestamptz[]);", "array-type", "0A000",
                        "datatype timestamp with time zone[] not supported"),
                current("ALTER TABLE t ADD COLUMN tags text[];", "array-type", "0A000", "datatype text[] not supported"),
                ga("CREATE TABLE t (xs double precision[]);", "array-type", "0A000",
                        "datatype double precision[] not supported"),
                current("CREATE TABLE t (price money);", "unsupported-type", "0A000", "datatype money not supported"),
                current("CREATE TABLE t (doc xml);", "unsupported-type", "0A000", "datatype xml not supported"),
                current("CREATE TABLE t (ip inet NOT NULL);", "unsupported-type", "0A000", "datatype inet not supported"),
                current("CREATE TABLE t (net cidr);", "unsupported-type", "0A000", "datatype cidr not supported"),
                current("CREATE TABLE t (mac macaddr);", "unsupported-type", "0A000", "datatype macaddr not supported"),
                current("CREATE TABLE t (p point);", "unsupported-type", "0A000", "datatype point not supported"),
                current("CREATE TABLE t (p pg_catalog.polygon);", "unsupported-type", "0A000",
                        "datatype polygon not supported"),
                current("CREATE TABLE t (d tsvector);", "unsupported-type", "0A000", "datatype tsvector not supported"),
                current("CREATE TABLE t (r int4range);", "unsupported-type", "0A000", "datatype int4range not supported"),
                current("CREATE TABLE t (r tstzrange);", "unsupported-type", "0A000", "datatype tstzrange not supported"),
                current("CREATE TABLE t (l pg_lsn);", "unsupported-type", "0A000", "datatype pg_lsn not supported"),
                current("CREATE TABLE t (flags bit(8));", "unsupported-type", "0A000", "datatype bit not supported"),
                current("CREATE TABLE t (flags varbit(8));", "unsupported-type", "0A000",
                        "datatype bit varying not supported"),
                current("CREATE TABLE t (flags BIT VARYING(64));", "unsupported-type", "0A000",
                        "datatype bit varying not supported"),
                current("ALTER TABLE t ADD COLUMN bad money;", "unsupported-type", "0A000", "datatype money not supported"),
                ga("CREATE TABLE t (id int, data json);", "json-type", "0A000", "datatype json not supported"),
                ga("CREATE TABLE t (id int, data JSONB NOT NULL);", "json-type", "0A000", "datatype jsonb not supported"),
                current("CREATE TABLE t (name text COLLATE \"C\");", "collate-clause", "0A000",
                        "COLLATE clause not supported"),
                current("CREATE TABLE t (name varchar(20) COLLATE pg_catalog.\"en_US\" NOT NULL);", "collate-clause",
                        "0A000", "COLLATE clause not supported"),
                current("CREATE TABLE t (code char(4097));", "type-length-limit", "54000",
                        "Datatype limit greater than 4096 bytes not supported for char"),
                current("CREATE TABLE t (code character(5000));", "type-length-limit", "54000",
                        "Datatype limit greater than 4096 bytes not supported for char"),
                current("CREATE TABLE t (body varchar(65536));", "type-length-limit", "54000",
                        "Datatype limit greater than 65535 bytes not supported for varchar"),
                current("CREATE TABLE t (body character varying(100000));", "type-length-limit", "54000",
                        "Datatype limit greater than 65535 bytes not supported for varchar"),
                current("CREATE TABLE t (x numeric(1001, 2));", "numeric-precision", "22023",
                        "NUMERIC precision 1001 must be between 1 and 1000"),
                current("CREATE TABLE t (x decimal(10, 1001));", "numeric-precision", "22023",
                        "NUMERIC scale 1001 must be between -1000 and 1000"),
                ga("CREATE TABLE t (x numeric(39, 2));", "numeric-precision", "22023",
                        "NUMERIC precision 39 must be between 1 and 38"),
                ga("CREATE TABLE t (x numeric(38, 38));", "numeric-precision", "22023",
                        "NUMERIC scale 38 must be between 0 and 37"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flagsWithDsqlsMessage(Golden g) {
        g.verify();
    }
}

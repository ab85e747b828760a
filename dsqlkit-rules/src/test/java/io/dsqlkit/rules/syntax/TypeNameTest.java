package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Type names parse as PostgreSQL reads them and print as its format_type_be does (dsql-facts §1.4). */
class TypeNameTest {

    static List<Token> tokens(String sql) {
        return ScriptSplitter.split(sql).get(0).significant();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "int|integer", "INT4|integer", "integer|integer", "int2|smallint", "int8|bigint", "BIGINT|bigint",
            "float4|real", "float|double precision", "float(24)|real", "float(25)|double precision",
            "double precision|double precision", "decimal(10,2)|numeric", "dec|numeric", "bool|boolean",
            "char(3)|character", "character(3)|character", "bpchar|character", "nchar(2)|character",
            "varchar(20)|character varying", "character varying(20)|character varying",
            "char varying|character varying", "national character varying(5)|character varying",
            "timestamp|timestamp without time zone", "timestamp(3) with time zone|timestamp with time zone",
            "timestamptz|timestamp with time zone", "time with time zone|time with time zone",
            "timetz|time with time zone", "time(6) without time zone|time without time zone",
            "interval day to second(3)|interval", "bit(8)|bit", "varbit(8)|bit varying", "bit varying(8)|bit varying",
            "int[]|integer[]", "int4[3][3]|integer[]", "integer ARRAY|integer[]", "integer ARRAY[4]|integer[]",
            "_int4|integer[]", "_text|text[]", "text[]|text[]", "varchar(10)[]|character varying[]",
            "pg_catalog.int4|integer", "public.mood|mood", "\"char\"|char", "\"MyType\"|MyType", "jsonb|jsonb",
            "serial|serial", "money|money"})
    void printsTheCanonicalName(String written, String display) {
        List<Token> t = tokens("CREATE TABLE x (c " + written + " NOT NULL)");
        TypeName type = TypeName.parse(t, 5);
        assertThat(type).isNotNull();
        assertThat(type.displayName()).isEqualTo(display);
        assertThat(t.get(type.end()).text()).isEqualTo("NOT");
    }

    @Test
    void keepsTypmodsAndArrayBounds() {
        List<Token> t = tokens("CREATE TABLE x (c numeric(10, -2)[] DEFAULT 1)");
        TypeName type = TypeName.parse(t, 5);
        assertThat(type.typmods()).containsExactly("10", "-2");
        assertThat(type.arrayDims()).isEqualTo(1);
        assertThat(type.firstTypmod()).isEqualTo(10L);
        assertThat(t.get(type.nameEnd()).text()).isEqualTo("[");
    }

    @Test
    void notATypeWhenNoNameFollows() {
        assertThat(TypeName.parse(tokens("SELECT (1)"), 1)).isNull();
        assertThat(TypeName.parse(tokens("SELECT 1"), 5)).isNull();
    }
}

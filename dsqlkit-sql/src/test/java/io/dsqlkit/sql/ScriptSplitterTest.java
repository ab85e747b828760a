package io.dsqlkit.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptSplitterTest {

    private static List<String> texts(String script) {
        return ScriptSplitter.split(script).stream().map(Statement::text).toList();
    }

    @Test
    void splitsAtTopLevelSemicolons() {
        assertThat(texts("select 1; select 2;")).containsExactly("select 1;", " select 2;");
    }

    @Test
    void semicolonsInLiteralsCommentsAndDollarQuotesDoNotSplit() {
        String script = "select ';', \";\", E'\\';', $$;$$, $f$ ; $f$ -- ;\n/* ; /* ; */ ; */ from t;";
        assertThat(texts(script)).containsExactly(script);
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        // As psql: a semicolon inside parentheses does not end the statement.
        assertThat(texts("select (1;2); select 3;")).containsExactly("select (1;2);", " select 3;");
    }

    @Test
    void unbalancedCloseParenDoesNotBlockSplitting() {
        assertThat(texts("select 1); select 2;")).containsExactly("select 1);", " select 2;");
    }

    @Test
    void beginAtomicBodyStaysOneStatement() {
        String fn = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT a + 1;\nEND;";
        List<Statement> st = ScriptSplitter.split(fn + "\nselect f(1);");
        assertThat(st).extracting(Statement::text).containsExactly(fn, "\nselect f(1);");
        assertThat(st.get(0).kind()).isEqualTo("CREATE FUNCTION");
        assertThat(st.get(0).category()).isEqualTo(StatementCategory.DDL);
    }

    @Test
    void procedureBodyAndNestedCase() {
        String proc = "create procedure p() begin atomic insert into t values (case when true then 1 end); "
                + "update t set a = case a when 1 then 2 else 3 end; end;";
        assertThat(texts(proc + "commit;")).containsExactly(proc, "commit;");
    }

    @Test
    void beginOutsideRoutineIsATransaction() {
        assertThat(texts("BEGIN; CREATE TABLE t(a int); END;"))
                .containsExactly("BEGIN;", " CREATE TABLE t(a int);", " END;");
    }

    @Test
    void quotedBeginDoesNotOpenABody() {
        assertThat(texts("create function \"begin\"() returns int as $$ select 1 $$ language sql; select 1;"))
                .hasSize(2);
    }

    @Test
    void trailingTriviaIsAFinalEmptyStatement() {
        List<Statement> st = ScriptSplitter.split("select 1; -- done\n");
        assertThat(st).hasSize(2);
        assertThat(st.get(1).text()).isEqualTo(" -- done\n");
        assertThat(st.get(1).category()).isEqualTo(StatementCategory.EMPTY);
        assertThat(st.get(1).kind()).isEmpty();
        assertThat(st.get(1).terminated()).isFalse();
        assertThat(st.get(1).first()).isNull();
        assertThat(st.get(1).sql()).isEmpty();
    }

    @Test
    void lastStatementWithoutSemicolonIsUnterminated() {
        List<Statement> st = ScriptSplitter.split("select 1;\nselect 2\n");
        assertThat(st).hasSize(2);
        assertThat(st.get(1).terminated()).isFalse();
        assertThat(st.get(1).kind()).isEqualTo("SELECT");
        assertThat(st.get(1).sql()).isEqualTo("select 2");
        assertThat(st.get(1).offset()).isEqualTo(9);
    }

    @Test
    void emptyStatementsBetweenSemicolons() {
        List<Statement> st = ScriptSplitter.split(";;");
        assertThat(st).extracting(Statement::category).containsExactly(StatementCategory.EMPTY, StatementCategory.EMPTY);
        assertThat(st).allMatch(Statement::terminated);
    }

    @Test
    void statementCursorWalksSignificantTokens() {
        Statement s = ScriptSplitter.split("/* c */ DROP TABLE t; ").get(0);
        TokenCursor c = s.cursor();
        assertThat(c.matchKeywords("DROP", "TABLE")).isTrue();
        assertThat(c.readQualifiedName().name()).isEqualTo("t");
        assertThat(c.atEnd()).isTrue();
    }

    @Test
    void deepNestingNeitherOverflowsNorThrows() {
        String explains = "EXPLAIN ANALYZE ".repeat(50_000) + "DELETE FROM t;";
        assertThat(ScriptSplitter.split(explains).get(0).kind()).isEqualTo("EXPLAIN");
        String ctes = "WITH x AS (".repeat(20_000) + "DELETE FROM t" + ") SELECT 1".repeat(20_000) + ";";
        assertThat(ScriptSplitter.split(ctes).get(0).kind()).isEqualTo("SELECT");
        String parens = "(".repeat(100_000) + "SELECT 1" + ")".repeat(100_000) + "; /*" + "/*".repeat(100_000);
        List<Statement> st = ScriptSplitter.split(parens);
        assertThat(st).hasSize(2);
        assertThat(st.get(0).kind()).isEqualTo("SELECT");
        assertThat(st.get(1).tokens().get(1).unterminated()).isTrue();
    }

    @Test
    void emptyScriptHasNoStatements() {
        assertThat(ScriptSplitter.split("")).isEmpty();
    }

    @Test
    void statementTokensCarryAbsoluteOffsets() {
        List<Statement> st = ScriptSplitter.split("select 1;\n  -- lead\n  CREATE INDEX ASYNC i ON t(a);");
        Statement s = st.get(1);
        assertThat(s.first().text()).isEqualTo("CREATE");
        assertThat(s.first().line()).isEqualTo(3);
        assertThat(s.first().column()).isEqualTo(3);
        assertThat(s.sql()).isEqualTo("CREATE INDEX ASYNC i ON t(a)");
        assertThat(s.significant()).extracting(Token::text).doesNotContain(";");
        assertThat(s.kind()).isEqualTo("CREATE INDEX");
    }

    @Test
    void unterminatedStringSwallowsTheRest() {
        List<Statement> st = ScriptSplitter.split("select 'oops; select 2;");
        assertThat(st).hasSize(1);
        assertThat(st.get(0).terminated()).isFalse();
        assertThat(st.get(0).tokens().get(st.get(0).tokens().size() - 1).unterminated()).isTrue();
    }

    @Test
    void backslashMetaCommandsAreOrdinaryTokens() {
        List<Statement> st = ScriptSplitter.split("\\set x 1\nselect :x;");
        assertThat(st).hasSize(1);
        assertThat(st.get(0).first().type()).isEqualTo(TokenType.UNKNOWN);
    }
}

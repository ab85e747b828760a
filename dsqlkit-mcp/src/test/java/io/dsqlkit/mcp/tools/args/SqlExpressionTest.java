package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One expression from an argument: what the lexer-based check refuses, accepts, and that the wrapper always stays whole. */
class SqlExpressionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "true) ; DELETE FROM t WHERE (tenant_id = 'b'  | closes a parenthesis",
            "title = '\\' ) ; --'                        | closes a parenthesis",
            "id = 1; DELETE FROM t                          | statement separator",
            "true --                                        | comment",
            "true /* ) ; DELETE FROM t; ( */                | comment",
            "true /* /* */ ) ; -- */                        | comment",
            "false) OR (true                                | closes a parenthesis",
            "(true                                          | unclosed",
            "arr[1                                          | unclosed",
            "title = 'x                                     | unterminated",
            "\"x = 1                                        | unterminated",
            "$a$ x                                          | unterminated",
            "tenant_id = $1                                 | placeholder",
            "'                                              | unterminated",
            "E'\\'' = '' ) ; DELETE FROM t --              | closes a parenthesis",
    })
    void refused(String text, String why) {
        assertThatThrownBy(() -> SqlExpression.parse("where", text)).isInstanceOf(ToolError.class).hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "title = ';'", "title = $a$ ) ; DELETE FROM t; $a$", "title = E'it\\'s; ) --'", "U&\"title\" = 'x'",
            "id IN (SELECT id FROM p WHERE name <> '')", "coalesce(a, b) > 0 AND (c OR d)", "arr[1] = 2", "\"we;ird\" = 1"})
    void accepted(String text) {
        SqlExpression e = SqlExpression.parse("where", text);
        assertThat(e.sql()).isEqualTo("(" + text + ")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"title = 'x' WHERE false; DELETE FROM t; --", "(a, b) = (1, 2)", "a", "a = ", "a == 1"})
    void badSetLists(String text) {
        assertThatThrownBy(() -> Assignments.parse("set", text)).isInstanceOf(ToolError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a = 1", "a = 'x, y', \"B\" = f(1, 2)", "a = DEFAULT, b = now()"})
    void setLists(String text) {
        assertThat(Assignments.parse("set", text).items()).isNotEmpty();
    }

    /** Whatever the lexer accepts stays inside the wrapper: one statement whose WHERE parenthesis closes last. */
    @Property(tries = 3000)
    void acceptedExpressionsNeverEscapeTheWrapper(@ForAll("fragments") List<String> parts) {
        String text = String.join("", parts);
        SqlExpression e;
        try {
            e = SqlExpression.parse("where", text);
        } catch (ToolError refused) {
            return;
        }
        String wrapper = "SELECT 1 FROM t WHERE " + e.sql();
        assertThat(ScriptSplitter.split(wrapper).stream().filter(s -> s.category() != StatementCategory.EMPTY)).hasSize(1);
        List<Token> sig = Lexer.tokenize(wrapper).stream().filter(t -> !t.isTrivia()).toList();
        int open = 4; // SELECT 1 FROM t WHERE (
        assertThat(sig.get(open + 1).is(TokenType.LPAREN) || sig.get(open).is(TokenType.LPAREN)).isTrue();
        int depth = 0;
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET)) depth++;
            if (t.is(TokenType.RPAREN) || t.is(TokenType.RBRACKET)) depth--;
            if (i > open + 1 && i < sig.size() - 1) assertThat(depth).as(wrapper).isPositive();
            assertThat(t.unterminated()).isFalse();
            assertThat(t.is(TokenType.SEMICOLON)).isFalse();
        }
        assertThat(depth).isZero();
    }

    @Provide
    Arbitrary<List<String>> fragments() {
        return Arbitraries.of("'", "\"", "$$", "$a$", "(", ")", "[", "]", ";", "--", "/*", "*/", "\n", " ", "x", "1", "=", "E'",
                "U&\"", "U&'", "\\", ",", "''", "\"\"", "UESCAPE", "'!'", "SELECT", "DELETE FROM t").list().ofMaxSize(12);
    }
}

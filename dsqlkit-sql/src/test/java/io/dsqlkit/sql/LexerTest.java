package io.dsqlkit.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dsqlkit.sql.TokenType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LexerTest {

    /** Every token rendered as {@code TYPE«text»}, trivia included, unterminated ones marked with {@code !}. */
    static String render(String sql) {
        return Lexer.tokenize(sql).stream()
                .map(t -> t.type() + (t.unterminated() ? "!" : "") + "«" + t.text() + "»")
                .collect(Collectors.joining(" "));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // comments
                arguments("a--b\nc", "IDENTIFIER«a» LINE_COMMENT«--b» WHITESPACE«\n» IDENTIFIER«c»"),
                arguments("-- x\r\ny", "LINE_COMMENT«-- x» WHITESPACE«\r\n» IDENTIFIER«y»"),
                arguments("--", "LINE_COMMENT«--»"),
                arguments("/* /* nested */ still */x", "BLOCK_COMMENT«/* /* nested */ still */» IDENTIFIER«x»"),
                arguments("/**/", "BLOCK_COMMENT«/**/»"),
                arguments("/*/ x */", "BLOCK_COMMENT«/*/ x */»"),
                arguments("/* a //* b */ c", "BLOCK_COMMENT«/* a //* b */» WHITESPACE« » IDENTIFIER«c»"),
                arguments("/* a ***/b", "BLOCK_COMMENT«/* a ***/» IDENTIFIER«b»"),
                arguments("/* open /* inner */", "BLOCK_COMMENT!«/* open /* inner */»"),
                arguments("x//*y*/", "IDENTIFIER«x» OPERATOR«/» BLOCK_COMMENT«/*y*/»"),
                // strings
                arguments("'it''s'", "STRING«'it''s'»"),
                arguments("''''", "STRING«''''»"),
                arguments("'a\\'", "STRING«'a\\'»"),
                arguments("E'a\\'b'", "STRING«E'a\\'b'»"),
                arguments("e'\\\\' x", "STRING«e'\\\\'» WHITESPACE« » IDENTIFIER«x»"),
                arguments("E'a''b'", "STRING«E'a''b'»"),
                arguments("E'\\", "STRING!«E'\\»"),
                arguments("N'x' n'y'", "STRING«N'x'» WHITESPACE« » STRING«n'y'»"),
                arguments("B'101' X'1F' b'0'", "STRING«B'101'» WHITESPACE« » STRING«X'1F'» WHITESPACE« » STRING«b'0'»"),
                arguments("U&'d\\0061t\\+000061'", "STRING«U&'d\\0061t\\+000061'»"),
                arguments("U&'\\' x", "STRING«U&'\\'» WHITESPACE« » IDENTIFIER«x»"),
                arguments("U&'!0061' UESCAPE '!'", "STRING«U&'!0061'» WHITESPACE« » IDENTIFIER«UESCAPE» WHITESPACE« » STRING«'!'»"),
                arguments("U&x", "IDENTIFIER«U» OPERATOR«&» IDENTIFIER«x»"),
                arguments("abcE'x'", "IDENTIFIER«abcE» STRING«'x'»"),
                arguments("'unterminated", "STRING!«'unterminated»"),
                arguments("'a'\n'b'", "STRING«'a'» WHITESPACE«\n» STRING«'b'»"),
                // dollar quoting
                arguments("$$a;b$$", "DOLLAR_STRING«$$a;b$$»"),
                arguments("$a$ $b$ $a$", "DOLLAR_STRING«$a$ $b$ $a$»"),
                arguments("$fn$ x $xfn$ y $fn$;", "DOLLAR_STRING«$fn$ x $xfn$ y $fn$» SEMICOLON«;»"),
                arguments("$a$ $A$ x", "DOLLAR_STRING!«$a$ $A$ x»"),
                arguments("$_ü1$x$_ü1$", "DOLLAR_STRING«$_ü1$x$_ü1$»"),
                arguments("$1::int", "PARAMETER«$1» TYPECAST«::» IDENTIFIER«int»"),
                arguments("$12 $1_0", "PARAMETER«$12» WHITESPACE« » PARAMETER«$1_0»"),
                arguments("$", "UNKNOWN«$»"),
                arguments("$a b", "UNKNOWN«$» IDENTIFIER«a» WHITESPACE« » IDENTIFIER«b»"),
                arguments("a$b$ c", "IDENTIFIER«a$b$» WHITESPACE« » IDENTIFIER«c»"),
                // quoted identifiers
                arguments("\"weird \"\" name\"", "QUOTED_IDENTIFIER«\"weird \"\" name\"»"),
                arguments("U&\"d\\0061t\\+000061\"", "QUOTED_IDENTIFIER«U&\"d\\0061t\\+000061\"»"),
                arguments("u&\"x\"", "QUOTED_IDENTIFIER«u&\"x\"»"),
                arguments("\"open", "QUOTED_IDENTIFIER!«\"open»"),
                // numbers
                arguments("123 1.5 .5 1. 1e10 1E-3 1.5e+2", "NUMBER«123» WHITESPACE« » NUMBER«1.5» WHITESPACE« » NUMBER«.5»"
                        + " WHITESPACE« » NUMBER«1.» WHITESPACE« » NUMBER«1e10» WHITESPACE« » NUMBER«1E-3» WHITESPACE« » NUMBER«1.5e+2»"),
                arguments("1_000 1_000.000_1", "NUMBER«1_000» WHITESPACE« » NUMBER«1_000.000_1»"),
                arguments("0x1F 0X_ff 0o17 0b101 0B_1", "NUMBER«0x1F» WHITESPACE« » NUMBER«0X_ff» WHITESPACE« » NUMBER«0o17»"
                        + " WHITESPACE« » NUMBER«0b101» WHITESPACE« » NUMBER«0B_1»"),
                arguments("0x 0b2", "NUMBER«0» IDENTIFIER«x» WHITESPACE« » NUMBER«0» IDENTIFIER«b2»"),
                arguments("123abc", "NUMBER«123» IDENTIFIER«abc»"),
                arguments("1__0 1_", "NUMBER«1» IDENTIFIER«__0» WHITESPACE« » NUMBER«1» IDENTIFIER«_»"),
                arguments("1e 1e+", "NUMBER«1» IDENTIFIER«e» WHITESPACE« » NUMBER«1» IDENTIFIER«e» OPERATOR«+»"),
                arguments("1..5", "NUMBER«1» DOT«.» DOT«.» NUMBER«5»"),
                arguments("t.5", "IDENTIFIER«t» NUMBER«.5»"),
                // operators
                arguments("a<-b", "IDENTIFIER«a» OPERATOR«<» OPERATOR«-» IDENTIFIER«b»"),
                arguments("a<=b", "IDENTIFIER«a» OPERATOR«<=» IDENTIFIER«b»"),
                arguments("a @- b", "IDENTIFIER«a» WHITESPACE« » OPERATOR«@-» WHITESPACE« » IDENTIFIER«b»"),
                arguments("a=-1", "IDENTIFIER«a» OPERATOR«=» OPERATOR«-» NUMBER«1»"),
                arguments("a+-+b", "IDENTIFIER«a» OPERATOR«+» OPERATOR«-» OPERATOR«+» IDENTIFIER«b»"),
                arguments("a*--c", "IDENTIFIER«a» OPERATOR«*» LINE_COMMENT«--c»"),
                arguments("a+/*c*/b", "IDENTIFIER«a» OPERATOR«+» BLOCK_COMMENT«/*c*/» IDENTIFIER«b»"),
                arguments("j->>'k' #>> '{a}' ?| x", "IDENTIFIER«j» OPERATOR«->>» STRING«'k'» WHITESPACE« » OPERATOR«#>>»"
                        + " WHITESPACE« » STRING«'{a}'» WHITESPACE« » OPERATOR«?|» WHITESPACE« » IDENTIFIER«x»"),
                arguments("!=- ~~+", "OPERATOR«!=-» WHITESPACE« » OPERATOR«~~+»"),
                arguments("%-", "OPERATOR«%-»"),
                // punctuation
                arguments("a::b", "IDENTIFIER«a» TYPECAST«::» IDENTIFIER«b»"),
                arguments(":x :=", "COLON«:» IDENTIFIER«x» WHITESPACE« » COLON«:» OPERATOR«=»"),
                arguments("f(a[1],b);s.t", "IDENTIFIER«f» LPAREN«(» IDENTIFIER«a» LBRACKET«[» NUMBER«1» RBRACKET«]» COMMA«,»"
                        + " IDENTIFIER«b» RPAREN«)» SEMICOLON«;» IDENTIFIER«s» DOT«.» IDENTIFIER«t»"),
                // identifiers
                arguments("serial_number", "IDENTIFIER«serial_number»"),
                arguments("_x1$ tëst 表", "IDENTIFIER«_x1$» WHITESPACE« » IDENTIFIER«tëst» WHITESPACE« » IDENTIFIER«表»"),
                arguments("\\copy {x}", "UNKNOWN«\\» IDENTIFIER«copy» WHITESPACE« » UNKNOWN«{» IDENTIFIER«x» UNKNOWN«}»"),
                arguments("a\u0000b", "IDENTIFIER«a» UNKNOWN«\u0000» IDENTIFIER«b»"),
                // whitespace PostgreSQL accepts
                arguments("a \t\n\r\f\u000Bb", "IDENTIFIER«a» WHITESPACE« \t\n\r\f\u000B» IDENTIFIER«b»"),
                // a leading byte-order mark is trivia; elsewhere U+FEFF is an identifier character as for the server
                arguments("\uFEFFCREATE x\uFEFF", "WHITESPACE«\uFEFF» IDENTIFIER«CREATE» WHITESPACE« » IDENTIFIER«x\uFEFF»"),
                // near-misses the linter relies on
                arguments("'TRUNCATE'", "STRING«'TRUNCATE'»"),
                arguments("temporary_cache", "IDENTIFIER«temporary_cache»"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void tokenizes(String sql, String expected) {
        assertThat(render(sql)).isEqualTo(expected);
    }

    @Test
    void emptyInputHasNoTokens() {
        assertThat(Lexer.tokenize("")).isEmpty();
    }

    @Test
    void tracksLinesAndColumns() {
        List<Token> ts = Lexer.tokenize("select 1,\n  'a\nb' x\n/* c\n */ y");
        assertThat(ts).filteredOn(t -> !t.isTrivia())
                .extracting(t -> t.text() + "@" + t.line() + ":" + t.column() + "+" + t.offset())
                .containsExactly("select@1:1+0", "1@1:8+7", ",@1:9+8", "'a\nb'@2:3+12", "x@3:4+18", "y@5:5+29");
    }

    @Test
    void carriageReturnIsWhitespaceButNotALineBreak() {
        // Lines count '\n' only, as the rules' diagnostics do; "\r\n" files still number lines correctly.
        List<Token> ts = Lexer.tokenize("a\r\nb\rc");
        assertThat(ts.get(2).line()).isEqualTo(2);
        assertThat(ts.get(4).line()).isEqualTo(2);
        assertThat(ts.get(4).column()).isEqualTo(3);
    }

    @Test
    void keywordTestsFoldAsciiOnly() {
        // U+0131 (dotless i) and U+212A (Kelvin sign) upper/lower-case to ASCII in Java, not in PostgreSQL.
        assertThat(Lexer.tokenize("\u0131nsert").get(0).isKeyword("INSERT")).isFalse();
        assertThat(Lexer.tokenize("\u212Aey").get(0).isAnyKeyword("KEY", "x")).isFalse();
        assertThat(ScriptSplitter.split("\u0131nsert into t values (1)").get(0).category()).isEqualTo(StatementCategory.UTILITY);
    }

    @Test
    void keywordTestsIgnoreCaseButNotQuotes() {
        List<Token> ts = Lexer.tokenize("Truncate \"truncate\" 'truncate'");
        assertThat(ts.get(0).isKeyword("TRUNCATE")).isTrue();
        assertThat(ts.get(2).isKeyword("TRUNCATE")).isFalse();
        assertThat(ts.get(4).isKeyword("TRUNCATE")).isFalse();
    }
}

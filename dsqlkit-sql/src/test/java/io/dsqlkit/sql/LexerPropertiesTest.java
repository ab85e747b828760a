package io.dsqlkit.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexerPropertiesTest {

    /** Fragments that exercise every scanner state, glued in random order with random characters. */
    private static final String[] FRAGMENTS = {
            "'", "''", "\"", "\"\"", "E'", "e'\\'", "\\", "U&'", "U&\"", "B'", "X'", "N'", "$", "$$", "$a$", "$1", "$_x$",
            "--", "/*", "*/", "/", "*", "-", "+", "<", ">", "=", "~", "!", "@", "#", "%", "^", "&", "|", "`", "?",
            "::", ":", ";", ",", ".", "..", "(", ")", "[", "]", "0x", "0x1F", "0b", "0o7", "1_", "1_0", "1.", ".5", "1e",
            "1e+5", "select", "BEGIN", "ATOMIC", "END", "CASE", "create", "function", "or", "replace", "procedure",
            "with", "as", "explain", "analyze", "copy", "from", "to", "for", "update", "share", "set", "rollback",
            "table", "index", "aws", "iam", "grant", "into", "values", "not", "materialized", "insert", "delete",
            " ", "\t", "\n", "\r", "\f", "\u000B", "\u0000", "\u00e9", "\ud83d\ude00", "\ud800", "\udc00", "表", "\uffff",
    };

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(4);
        return Arbitraries.oneOf(fragment, fragment, fragment, random).list().ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> longSqlish() {
        // Longer than the lexer's threshold for sharing token texts, so that path is exercised too.
        return Arbitraries.of(FRAGMENTS).list().ofMinSize(300).ofMaxSize(800).map(parts -> String.join("", parts));
    }

    @Property(tries = 300)
    void longInputsPartitionAndSplit(@ForAll("longSqlish") String sql) {
        assertPartition(sql);
        splittingThenJoiningGivesBackTheInput(sql);
    }

    @Property(tries = 2000)
    void neverThrowsAndTokensPartitionTheInput(@ForAll("sqlish") String sql) {
        assertPartition(sql);
    }

    @Property(tries = 1000)
    void arbitraryUnicodeIsHandled(@ForAll String sql) {
        assertPartition(sql);
    }

    @Property(tries = 1000)
    void splittingThenJoiningGivesBackTheInput(@ForAll("sqlish") String sql) {
        List<Statement> statements = ScriptSplitter.split(sql);
        StringBuilder joined = new StringBuilder();
        int offset = 0;
        for (int k = 0; k < statements.size(); k++) {
            Statement s = statements.get(k);
            assertThat(s.offset()).isEqualTo(offset);
            assertThat(s.text()).isNotEmpty();
            StringBuilder own = new StringBuilder();
            for (Token t : s.tokens()) own.append(t.text());
            assertThat(own.toString()).isEqualTo(s.text());
            boolean last = k == statements.size() - 1;
            if (!last) assertThat(s.terminated()).isTrue();
            if (s.terminated()) assertThat(s.text()).endsWith(";");
            assertThat(s.kind().isEmpty()).isEqualTo(s.category() == StatementCategory.EMPTY);
            joined.append(s.text());
            offset = s.end();
        }
        assertThat(joined.toString()).isEqualTo(sql);
    }

    private static void assertPartition(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        int offset = 0;
        int line = 1;
        int lineStart = 0;
        for (Token t : tokens) {
            assertThat(t.text()).isNotEmpty();
            assertThat(t.offset()).isEqualTo(offset);
            assertThat(sql.substring(t.offset(), t.end())).isEqualTo(t.text());
            assertThat(t.line()).isEqualTo(line);
            assertThat(t.column()).isEqualTo(offset - lineStart + 1);
            if (t.unterminated()) assertThat(t.end()).isEqualTo(sql.length());
            for (int i = t.offset(); i < t.end(); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            offset = t.end();
        }
        assertThat(offset).isEqualTo(sql.length());
    }
}

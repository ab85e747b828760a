package io.dsqlkit.local.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlWordsTest {
    @Test
    void skipsCommentsAndKeepsQuotedNamesAndStrings() {
        SqlWords w = SqlWords.scan("-- x\n/* a /* nested */ b */ AWS IAM GRANT \"My\"\"Role\" TO E'arn:x\\'y';");
        assertThat(w.size()).isEqualTo(6);
        assertThat(w.keywordsAt(0, "aws", "iam", "grant")).isTrue();
        assertThat(w.get(3).value()).isEqualTo("My\"Role");
        assertThat(w.get(5).kind()).isEqualTo(SqlWords.Kind.STRING);
    }

    @Test
    void firstKeywordIgnoresLeadingTrivia() {
        assertThat(SqlWords.firstKeyword("  /* hi */ -- x\n create index")).isEqualTo("CREATE");
        assertThat(SqlWords.firstKeyword("(select 1)")).isEqualTo("");
        assertThat(SqlWords.firstKeyword("")).isEqualTo("");
    }

    @Test
    void dollarQuotesAreOneWord() {
        SqlWords w = SqlWords.scan("SELECT $tag$ a ; b $tag$, $1");
        assertThat(w.get(1).kind()).isEqualTo(SqlWords.Kind.STRING);
        assertThat(w.get(2).isPunct(',')).isTrue();
    }

    @Test
    void topLevelSearchSkipsParentheses() {
        SqlWords w = SqlWords.scan("ALTER TABLE t ADD COLUMN a int, ADD CONSTRAINT u UNIQUE (a)");
        assertThat(w.findTopLevel(3, "ADD")).isEqualTo(3);
        assertThat(SqlWords.scan("SELECT f(ADD) FROM t").findTopLevel(0, "ADD")).isEqualTo(-1);
    }

    @Test
    void wordsOfALexedStatementCopyClausesAtTheirOwnOffsets() {
        var statements = io.dsqlkit.sql.ScriptSplitter.split("SELECT 1; CREATE INDEX ASYNC i ON t (a, \"B\");");
        SqlWords w = SqlWords.of(statements.get(1));
        assertThat(w.keywordsAt(0, "CREATE", "INDEX", "ASYNC")).isTrue();
        assertThat(w.textFrom(6)).isEqualTo("(a, \"B\")");
        assertThat(w.get(9).value()).isEqualTo("B");
        assertThat(statements.get(1).text().substring(w.get(3).start(), w.get(3).end())).isEqualTo("i");
    }

    @Test
    void valuesFoldAsTheServerDoes() {
        SqlWords w = SqlWords.scan("U&\"d\\0061t\" $$it's$$ 'a''b'");
        assertThat(w.get(0).value()).isEqualTo("dat");
        assertThat(w.get(1).value()).isEqualTo("it's");
        assertThat(w.get(2).value()).isEqualTo("a'b");
    }
}

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
}

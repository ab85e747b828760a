package io.dsqlkit.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCursorTest {

    private static TokenCursor cursor(String sql) {
        return TokenCursor.of(ScriptSplitter.split(sql).get(0));
    }

    private static List<String> texts(TokenCursor c, TokenRange r) {
        return c.slice(r).stream().map(Token::text).toList();
    }

    @Test
    void matchesKeywordSequencesAllOrNothing() {
        TokenCursor c = cursor("CREATE unique INDEX ASYNC i ON t (a);");
        assertThat(c.matchKeywords("CREATE", "INDEX")).isFalse();
        assertThat(c.position()).isZero();
        assertThat(c.matchKeyword("create")).isTrue();
        assertThat(c.matchKeyword("UNIQUE")).isTrue();
        assertThat(c.lookingAt("INDEX", "ASYNC")).isTrue();
        assertThat(c.matchKeywords("INDEX", "ASYNC")).isTrue();
        assertThat(c.acceptKeyword("CONCURRENTLY")).isNull();
        assertThat(c.acceptAnyKeyword("FOO", "I").text()).isEqualTo("i");
        assertThat(c.previous().text()).isEqualTo("i");
        assertThat(c.isKeyword("ON")).isTrue();
    }

    @Test
    void quotedIdentifiersAndStringsAreNeverKeywords() {
        TokenCursor c = cursor("\"INDEX\" 'INDEX' INDEX");
        assertThat(c.isKeyword("INDEX")).isFalse();
        c.next();
        assertThat(c.isKeyword("INDEX")).isFalse();
        c.next();
        assertThat(c.isKeyword("INDEX")).isTrue();
    }

    @Test
    void skipsBalancedGroupsAndSplitsAtTopLevelCommas() {
        TokenCursor c = cursor("CREATE TABLE t (a int, b numeric(10, 2), c int[] DEFAULT ARRAY[1, 2], CHECK (a > 0)) WITH (x = 1)");
        c.matchKeywords("CREATE", "TABLE");
        assertThat(c.readQualifiedName().name()).isEqualTo("t");
        TokenRange cols = c.skipGroup();
        assertThat(c.isKeyword("WITH")).isTrue();
        List<TokenRange> items = c.groupItems(cols);
        assertThat(items).hasSize(4);
        assertThat(texts(c, items.get(0))).containsExactly("a", "int");
        assertThat(texts(c, items.get(1))).containsExactly("b", "numeric", "(", "10", ",", "2", ")");
        assertThat(texts(c, items.get(2))).containsExactly("c", "int", "[", "]", "DEFAULT", "ARRAY", "[", "1", ",", "2", "]");
        assertThat(texts(c, items.get(3))).containsExactly("CHECK", "(", "a", ">", "0", ")");
        TokenCursor col = c.sub(items.get(1));
        assertThat(col.next().text()).isEqualTo("b");
        assertThat(col.peek().text()).isEqualTo("numeric");
    }

    @Test
    void skipGroupOnlyAtAnOpeningBracketAndToEndWhenUnclosed() {
        TokenCursor c = cursor("a (b (c)");
        assertThat(c.skipGroup()).isNull();
        assertThat(c.position()).isZero();
        c.next();
        TokenRange g = c.skipGroup();
        assertThat(g).isEqualTo(new TokenRange(1, 6));
        assertThat(c.atEnd()).isTrue();
        assertThat(c.next()).isNull();
        assertThat(c.peek()).isNull();
    }

    @Test
    void emptyGroupHasNoItemsAndTrailingCommaGivesEmptyItem() {
        TokenCursor c = cursor("f() g(a,)");
        c.next();
        assertThat(c.groupItems(c.skipGroup())).isEmpty();
        c.next();
        List<TokenRange> items = c.groupItems(c.skipGroup());
        assertThat(items).hasSize(2);
        assertThat(items.get(1).isEmpty()).isTrue();
    }

    @Test
    void findsKeywordsAtDepthZeroOnly() {
        TokenCursor c = cursor("ALTER TABLE t ADD COLUMN a int DEFAULT (select 1 where x not null) NOT NULL");
        int i = c.findKeywords("NOT", "NULL");
        assertThat(c.get(i - 1).text()).isEqualTo(")");
        assertThat(c.findKeyword("WHERE")).isEqualTo(-1);
        c.seek(c.findKeyword("DEFAULT") + 2);
        // inside the group: its own words are at depth 0, and the search ends at the group's closing bracket
        assertThat(c.get(c.findKeywords("NOT", "NULL") - 1).text()).isEqualTo("x");
        assertThat(c.findKeyword("WHERE")).isPositive();
        assertThat(c.findKeyword("DEFAULT")).isEqualTo(-1);
        assertThat(c.get(c.find(TokenType.RPAREN) + 1).text()).isEqualTo("NOT");
    }

    @Test
    void skipUntilKeywordStopsAtTheKeywordOrTheGroupEnd() {
        TokenCursor c = cursor("a b (c) d e");
        TokenRange r = c.skipUntilKeyword("D");
        assertThat(texts(c, r)).containsExactly("a", "b", "(", "c", ")");
        assertThat(c.isKeyword("d")).isTrue();
        TokenCursor inner = cursor("(x y) z");
        inner.next();
        inner.skipUntilKeyword("z");
        assertThat(inner.peek().text()).isEqualTo(")");
    }

    @Test
    void readsQualifiedNames() {
        TokenCursor c = cursor("\"My Schema\".Orders.\"Id\" x");
        QualifiedName q = c.readQualifiedName();
        assertThat(q.values()).containsExactly("My Schema", "orders", "Id");
        assertThat(q.schema()).isEqualTo("orders");
        assertThat(q.name()).isEqualTo("Id");
        assertThat(q.isQualified()).isTrue();
        assertThat(q.first().text()).isEqualTo("\"My Schema\"");
        assertThat(q.last().text()).isEqualTo("\"Id\"");
        assertThat(c.peek().text()).isEqualTo("x");
        assertThat(c.readQualifiedName().isQualified()).isFalse();
        assertThat(c.readQualifiedName()).isNull();
    }

    @Test
    void qualifiedNameStopsBeforeADotNotFollowedByAName() {
        TokenCursor c = cursor("s.* x");
        QualifiedName q = c.readQualifiedName();
        assertThat(q.toString()).isEqualTo("s");
        assertThat(c.is(TokenType.DOT)).isTrue();
    }

    @Test
    void seekIsClampedAndAcceptChecksTypes() {
        TokenCursor c = cursor("a, b");
        c.seek(99);
        assertThat(c.atEnd()).isTrue();
        c.seek(-3);
        assertThat(c.position()).isZero();
        assertThat(c.accept(TokenType.COMMA)).isNull();
        c.next();
        assertThat(c.match(TokenType.COMMA)).isTrue();
        assertThat(c.peek(0).text()).isEqualTo("b");
        assertThat(c.peek(1)).isNull();
        assertThat(c.rest()).isEqualTo(new TokenRange(2, 3));
    }
}

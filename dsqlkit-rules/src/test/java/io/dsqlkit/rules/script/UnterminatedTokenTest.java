package io.dsqlkit.rules.script;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's scanner messages for a token that is never closed (scan.l), SQLSTATE 42601. */
class UnterminatedTokenTest {

    static List<Diagnostic> found(String sql) {
        return new Linter(Profile.CURRENT).lint(sql).diagnostics().stream()
                .filter(d -> d.ruleId().equals("unterminated-token")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT 'abc;\\nSELECT 1;|unterminated quoted string at or near \"'abc;...\"",
            "SELECT E'a\\'b|unterminated quoted string at or near \"E'a\\'b\"",
            "SELECT b'101|unterminated bit string literal at or near \"b'101\"",
            "SELECT X'1f|unterminated hexadecimal string literal at or near \"X'1f\"",
            "SELECT \"abc|unterminated quoted identifier at or near \"\"abc\"",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1;|unterminated dollar-quoted string at or near \"$fn$ SELECT 1;\"",
            "SELECT 1; /* TODO|unterminated /* comment at or near \"/* TODO\"",
    })
    void reportsTheFirstUnterminatedToken(String sql, String message) {
        List<Diagnostic> d = found(sql.replace("\\n", "\n"));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).message()).isEqualTo(message);
        assertThat(d.get(0).sqlstate()).isEqualTo("42601");
        assertThat(d.get(0).fix()).isNull();
    }

    @Test
    void theExcerptStopsAtTheFirstLineAndAtFortyCharacters() {
        String sql = "SELECT '" + "x".repeat(60);
        assertThat(found(sql)).singleElement().extracting(Diagnostic::message)
                .isEqualTo("unterminated quoted string at or near \"'" + "x".repeat(39) + "...\"");
    }

    @Test
    void closedTokensAreClean() {
        assertThat(found("SELECT 'it''s', \"Quoted\", $$ body $$, b'1', x'ff'; /* done */")).isEmpty();
    }
}

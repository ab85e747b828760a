package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One golden case: under {@code profile}, {@code sql} gets exactly this finding from rule {@code id}. */
record Golden(Profile profile, String sql, String id, String sqlstate, String message) {

    static Golden current(String sql, String id, String sqlstate, String message) {
        return new Golden(Profile.DSQL_2026_09, sql, id, sqlstate, message);
    }

    static Golden ga(String sql, String id, String sqlstate, String message) {
        return new Golden(Profile.DSQL_2025_05, sql, id, sqlstate, message);
    }

    static List<Diagnostic> lint(Profile profile, String sql) {
        List<Diagnostic> all = new Linter(profile, RuleCatalog.all()).lint(sql).diagnostics();
        assertThat(all).noneMatch(d -> d.ruleId().equals("internal-error"));
        return all;
    }

    void verify() {
        List<Diagnostic> found = lint(profile, sql).stream().filter(d -> d.ruleId().equals(id)).toList();
        assertThat(found).as("findings of %s for %s under %s", id, sql, profile).hasSize(1);
        Diagnostic d = found.get(0);
        assertThat(d.message()).isEqualTo(message);
        assertThat(d.sqlstate()).isEqualTo(sqlstate);
        assertThat(d.length()).isPositive();
        assertThat(d.help()).isNotBlank();
    }

    @Override
    public String toString() {
        return profile + " " + id + ": " + sql.replace('\n', ' ');
    }
}

package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every create-surface rule has golden cases, and every message a rule documents is asserted by one. */
class CoverageTest {

    static Set<Golden> goldens() {
        return Stream.of(StatementRulesGoldenTest.cases(), ColumnTypeRulesGoldenTest.cases(),
                SequenceIdentityRulesGoldenTest.cases(), CreateTableRulesGoldenTest.cases())
                .flatMap(s -> s).collect(Collectors.toSet());
    }

    @Test
    void everyRuleHasAGoldenCase() {
        Set<String> covered = goldens().stream().map(Golden::id).collect(Collectors.toSet());
        Set<String> ids = CreateSurfaceRules.rules().stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void everyRuleThatOffersAFixHasAFixCase() {
        Set<String> tested = FixTest.fixable().map(FixTest.Case::rule).collect(Collectors.toSet());
        Set<String> offering = goldens().stream()
                .filter(g -> Golden.lint(g.profile(), g.sql()).stream()
                        .anyMatch(d -> d.ruleId().equals(g.id()) && d.fix() != null && d.fix().isFixable()))
                .map(Golden::id).collect(Collectors.toSet());
        assertThat(offering).isNotEmpty();
        assertThat(tested).containsAll(offering);
    }
}

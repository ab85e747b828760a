package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.Rule;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule has golden cases, and every message a rule documents is asserted by one. */
class CoverageTest {

    static Set<Golden> goldens() {
        return Stream.of(StatementRulesGoldenTest.cases(), ColumnTypeRulesGoldenTest.cases(),
                SequenceIdentityRulesGoldenTest.cases(), CreateTableRulesGoldenTest.cases())
                .flatMap(s -> s).collect(Collectors.toSet());
    }

    /** Script rules: their cases need several statements, so ScriptRulesTest and ScriptSchemaRulesTest hold them. */
    static final Set<String> SCRIPT_RULES = Set.of("multiple-ddl-in-transaction", "ddl-and-dml-in-transaction",
            "transaction-aborted", "alter-table-drop-primary-key-column", "index-key-type", "unterminated-token");
    /** GA-only rules: AlterTableRulesTest and CreateIndexRulesTest check them under both profiles. */
    static final Set<String> GA_ONLY_RULES = Set.of("alter-table-action-after-ga", "create-index-expression",
            "create-index-where");

    @Test
    void everyRuleHasAGoldenCase() {
        Set<String> covered = goldens().stream().map(Golden::id).collect(Collectors.toSet());
        Stream.of(GoldenTables.flaggedIds()).flatMap(s -> s).forEach(covered::add);
        covered.addAll(SCRIPT_RULES);
        covered.addAll(GA_ONLY_RULES);
        Set<String> ids = RuleCatalog.all().stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(ids.stream().filter(id -> !covered.contains(id)).sorted().toList()).as("rules without a golden case").isEmpty();
        assertThat(covered.stream().filter(id -> !ids.contains(id)).sorted().toList()).as("golden cases of unknown rules").isEmpty();
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

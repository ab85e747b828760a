package io.dsqlkit.migrate.declarative;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statement a plan emits must pass the linter under the plan's profile; what the profile
 * cannot express (a foreign key or identity column under 2025-05, ...) is refused with the rule's
 * own message, before anything runs.
 */
final class PlanLint {
    private PlanLint() {}

    static void check(SchemaPlan plan) {
        Linter linter = new Linter(plan.profile());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            PlanStep s = plan.steps().get(i);
            for (Diagnostic d : linter.lint(s.sql() + ";").diagnostics()) {
                if (d.severity() != Severity.ERROR) continue;
                problems.add("step " + (i + 1) + " (" + s.action() + " " + s.object() + "): " + new Finding(d, d.line(), d.column()).summary()
                        + (d.help() == null ? "" : "; " + d.help()));
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaException("the desired schema cannot be reached on DSQL under profile " + plan.profile().id()
                    + ":\n  - " + String.join("\n  - ", problems));
        }
    }
}

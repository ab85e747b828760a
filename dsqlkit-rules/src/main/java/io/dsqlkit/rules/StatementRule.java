package io.dsqlkit.rules;

/** A rule that looks at one statement at a time. */
public interface StatementRule extends Rule {
    void check(StatementContext ctx);
}

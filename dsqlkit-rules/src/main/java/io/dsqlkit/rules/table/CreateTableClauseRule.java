package io.dsqlkit.rules.table;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.unsupported.CreateTableAs;

import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * A CREATE TABLE clause outside DSQL's documented grammar (dsql-facts §1.6: TEMP, UNLOGGED,
 * PARTITION, INHERITS, WITH, TABLESPACE, ON COMMIT, COLLATE, EXCLUDE and AS SELECT are not in it).
 * CREATE TABLE AS is left to {@link CreateTableAs}.
 */
abstract class CreateTableClauseRule extends BaseRule implements StatementRule {
    CreateTableClauseRule(String id, String help) {
        // UNVERIFIED (dsql-facts §1.1, §1.6, §9.9): these clauses are cluster-validated as rejected by
        // dsql-lint, but their texts are unknown; they follow DSQL's recorded
        // "<clause> not supported for CREATE TABLE" form (as for TEMP and UNLOGGED).
        super(id, "0A000", help);
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        CreateTable ct = CreateTable.parse(t);
        if (ct == null || ct.isCreateTableAs()) return;
        check(ctx, t, ct);
    }

    abstract void check(StatementContext ctx, List<Token> t, CreateTable ct);

    static String message(String clause) {
        return clause + " not supported for CREATE TABLE";
    }
}

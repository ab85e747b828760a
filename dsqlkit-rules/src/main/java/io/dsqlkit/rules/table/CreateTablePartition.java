package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: no declarative partitioning (DSQL distributes storage itself). */
public final class CreateTablePartition extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String BY = message("PARTITION BY");
    static final String OF = message("PARTITION OF");

    public CreateTablePartition() {
        super("create-table-partition",
                "remove the partitioning: DSQL scales storage itself; keep the partition key in the primary key if queries filter on it");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        if (ct.partitionOf() >= 0) {
            ctx.report(this, t.get(ct.partitionOf()), t.get(ct.partitionOf() + 1), OF,
                    Fix.unfixable("a partition's rows belong in its parent table"));
        }
        int by = ct.tail(t, "PARTITION");
        if (by >= 0) {
            ctx.report(this, t.get(by), t.get(Math.min(by + 1, t.size() - 1)), BY,
                    Fix.unfixable("the partitions (PARTITION OF) must be merged into this table by hand"));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(BY, OF);
    }
}

package io.dsqlkit.rules.function;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

/** dsql-facts §1.1 ([SKILL-NEW], observed 2026-10-01): procedures cannot be created. */
public final class CreateProcedure extends RejectedStatementRule {
    public CreateProcedure() {
        super("create-procedure", "PROCEDURE is not supported",
                "DSQL has no procedures; use a LANGUAGE sql function, or run the statements from the application",
                "CREATE", "?OR REPLACE", "PROCEDURE");
    }
}

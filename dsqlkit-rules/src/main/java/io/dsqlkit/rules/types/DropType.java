package io.dsqlkit.rules.types;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

/** dsql-facts §1.1: DROP TYPE [IF EXISTS] is refused (DROP DOMAIN is not). */
public final class DropType extends RejectedStatementRule {
    public DropType() {
        super("drop-type", "unsupported object in DROP statement",
                "DSQL has no user-defined types, so there is nothing to drop; remove the statement",
                "DROP", "TYPE");
    }
}

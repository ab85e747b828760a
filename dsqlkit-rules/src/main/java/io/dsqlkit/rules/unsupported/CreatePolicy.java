package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: row-level security policies are refused. */
public final class CreatePolicy extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): dsql-lint's CI shows the refusal; the text follows the
    // "unsupported statement: <node>" pattern (CreatePolicyStmt).
    static final String MESSAGE = "unsupported statement: CreatePolicy";

    public CreatePolicy() {
        super("create-policy", MESSAGE,
                "DSQL has no row-level security; filter rows in views or in the application, and use GRANT for access",
                "CREATE", "POLICY");
    }
}

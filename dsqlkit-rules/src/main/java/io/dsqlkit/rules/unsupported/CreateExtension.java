package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateExtension extends RejectedStatementRule {
    public CreateExtension() {
        super("create-extension", "unsupported statement: CreateExtension",
                "DSQL has no extensions; most built-ins (gen_random_uuid(), crypto, json) need none, otherwise do the work in the application", "CREATE", "EXTENSION");
    }
}

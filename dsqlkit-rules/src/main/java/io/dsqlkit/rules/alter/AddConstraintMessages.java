package io.dsqlkit.rules.alter;

/** The one refusal DSQL gives for every ADD CONSTRAINT form it does not take (dsql-facts §1.7). */
final class AddConstraintMessages {
    private AddConstraintMessages() {}

    static final String UNSUPPORTED = "unsupported ALTER TABLE ADD CONSTRAINT statement";
}

package io.dsqlkit.migrate.declarative;

/** A desired schema that cannot be read or reached on DSQL; the message names the rule and the fix. */
public final class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }
}

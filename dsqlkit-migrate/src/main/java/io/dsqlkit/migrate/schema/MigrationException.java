package io.dsqlkit.migrate.schema;

/** A migration problem a person must fix (bad file, failed statement, lock held, checksum mismatch). */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

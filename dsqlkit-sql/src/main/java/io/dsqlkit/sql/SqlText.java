package io.dsqlkit.sql;

/** Helpers over token text. */
public final class SqlText {
    private SqlText() {}

    static String identifierValue(Token t) {
        throw new UnsupportedOperationException("lands with the dsqlkit-sql work");
    }
}

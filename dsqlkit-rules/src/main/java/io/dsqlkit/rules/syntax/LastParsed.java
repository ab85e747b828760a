package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.List;
import java.util.function.Function;

/**
 * Remembers the last parse of one statement's token list. Every rule of a statement gets the same
 * list instance ({@code StatementContext.tokens()}), so the dozen rules that look at a CREATE TABLE
 * parse it once. Keyed by identity: callers must not mutate a list after parsing it.
 */
final class LastParsed<T> {
    private record Entry<T>(List<Token> key, T value) {}

    private volatile Entry<T> last;

    T get(List<Token> tokens, Function<List<Token>, T> parse) {
        Entry<T> e = last;
        if (e != null && e.key() == tokens) return e.value();
        T value = parse.apply(tokens);
        last = new Entry<>(tokens, value);
        return value;
    }
}

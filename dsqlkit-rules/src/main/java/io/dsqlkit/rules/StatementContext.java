package io.dsqlkit.rules;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a {@link StatementRule} sees: one statement, the whole text it came from, the profile. */
public final class StatementContext {
    private final String source;
    private final Statement statement;
    private final Profile profile;
    private final DiagnosticSink sink;
    private final List<Token> significant;
    private final Map<Class<?>, Object> shapes = new HashMap<>(4);

    public StatementContext(String source, Statement statement, Profile profile, DiagnosticSink sink) {
        this.source = source;
        this.statement = statement;
        this.profile = profile;
        this.sink = sink;
        this.significant = statement.significant();
    }

    /** The full linted text; token offsets index into it. */
    public String source() {
        return source;
    }

    public Statement statement() {
        return statement;
    }

    public Profile profile() {
        return profile;
    }

    /** Non-trivia tokens of the statement, without the terminating semicolon. */
    public List<Token> tokens() {
        return significant;
    }

    /**
     * The statement's shape as {@code parser} reads it, parsed once per statement however many rules
     * ask (all the ALTER TABLE rules share one parse). Null results are remembered too.
     */
    public <T> T parsed(Class<T> shape, Function<List<Token>, T> parser) {
        if (shapes.containsKey(shape)) return shape.cast(shapes.get(shape));
        T value = parser.apply(significant);
        shapes.put(shape, value);
        return value;
    }

    /** Report a finding spanning {@code from..to} (inclusive tokens) with the rule's severity and SQLSTATE. */
    public void report(Rule rule, Token from, Token to, String message, Fix fix) {
        sink.accept(Diagnostics.of(rule, source, from.offset(), to.end() - from.offset(), message, fix));
    }

    public void report(Rule rule, Token at, String message, Fix fix) {
        report(rule, at, at, message, fix);
    }

    /** Report with an explicit SQLSTATE (for rules whose code depends on the case). */
    public void report(Rule rule, String sqlstate, Token from, Token to, String message, Fix fix) {
        Diagnostic d = Diagnostics.of(rule, source, from.offset(), to.end() - from.offset(), message, fix);
        sink.accept(new Diagnostic(d.ruleId(), d.severity(), sqlstate, d.message(), d.help(), d.offset(), d.length(),
                d.line(), d.column(), d.fix()));
    }
}

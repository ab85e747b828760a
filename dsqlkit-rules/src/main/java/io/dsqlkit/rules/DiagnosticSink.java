package io.dsqlkit.rules;

@FunctionalInterface
public interface DiagnosticSink {
    void accept(Diagnostic d);
}

package io.dsqlkit.cli.lint;

/**
 * Writes the results of a lint run in one output format, one input at a time (so a run over many
 * big files never holds all findings at once).
 */
interface Renderer {
    default void begin() {}

    void file(FileOutcome outcome);

    void end(LintSummary summary);
}

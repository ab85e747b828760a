package io.dsqlkit.migrate.progress;

/** Receives progress of a load, backfill or migration (the CLI draws a bar, the MCP tool sends notifications). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> {};

    void onProgress(Progress progress);
}

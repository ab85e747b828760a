package io.dsqlkit.local.behaviour;

import io.dsqlkit.rules.DsqlError;

import java.util.List;

/** What the gateway does with a statement after {@link DsqlBehaviour#intercept}. */
public sealed interface Interception {

    /** Send the statement to PostgreSQL unchanged. */
    record PassThrough() implements Interception {}

    /** Send {@code sql} instead (same number of parameters). */
    record Rewrite(String sql) implements Interception {}

    /**
     * Do not send anything to PostgreSQL; answer with these text-format rows and command tag.
     * {@code isDdl} tells the gateway's transaction-shape tracking how to count it.
     */
    record LocalResult(List<String> columns, List<List<String>> rows, String commandTag, boolean isDdl)
            implements Interception {}

    /** Fail the statement with this error (inside a block, the transaction becomes aborted). */
    record Fail(DsqlError error) implements Interception {}

    Interception PASS = new PassThrough();
}

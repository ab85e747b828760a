package io.dsqlkit.local.behaviour;

import java.util.Map;

/**
 * What {@link DsqlBehaviour} may know and remember about a gateway session. {@code attributes} is a
 * per-session scratch map owned by the behaviour (e.g. its cached catalog version, pending jobs).
 */
public interface SessionView {
    /** Stable id of the client connection. */
    long id();

    /** The role the client authenticated as (e.g. {@code admin}). */
    String role();

    /** Whether an explicit transaction block (BEGIN) is open. */
    boolean inTransactionBlock();

    /** Whether the current transaction has executed a DDL statement. */
    boolean transactionHasDdl();

    Map<String, Object> attributes();
}

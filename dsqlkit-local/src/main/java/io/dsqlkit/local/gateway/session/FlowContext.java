package io.dsqlkit.local.gateway.session;

/**
 * What a query flow works with: the planner's decisions, the session's transaction view, the two
 * connections, the queue of expected answers, the transaction tracker and the session's flow control.
 */
record FlowContext(StatementPlanner planner, SessionState state, BackendLink backend, ResponseQueue responses,
                   TransactionTracker tx, ClientOutput out, FlowControl flow) {}

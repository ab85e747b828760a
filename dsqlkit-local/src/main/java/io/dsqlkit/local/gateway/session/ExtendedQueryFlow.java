package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Bind;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Execute;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Parse;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended-query conversation (r2dbc-postgresql's ExtendedQueryMessageFlow): Parse is linted and
 * possibly rewritten, Execute is planned (transaction shape, COMMIT-time checks), Sync closes the
 * implicit transaction of an autocommit unit; each message's answers are one {@link Step}. Refusals
 * become an injected {@code dsqlkit.raise} so the backend itself fails at that point and skips to
 * Sync, as PostgreSQL would. Messages are pipelined: nothing waits for the backend.
 */
final class ExtendedQueryFlow {
    private final Map<String, Prepared> prepared = new HashMap<>();
    private final Map<String, Prepared> portals = new HashMap<>();

    /** A statement prepared through Parse: what the planner learned at Parse, used at Execute. */
    private record Prepared(Statement statement, String source, String tag, boolean localDdl) {}

    private final FlowContext ctx;

    ExtendedQueryFlow(FlowContext ctx) {
        this.ctx = ctx;
    }

    void onParse(Parse p, Frame raw) {
        List<Statement> statements = ctx.planner().statementsOrNull(p.sql());
        if (statements == null || statements.size() != 1) {
            // Empty, or several commands (the backend refuses those itself).
            prepared.put(p.name(), new Prepared(null, p.sql(), null, false));
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY), false);
            return;
        }
        Statement st = statements.get(0);
        if (ctx.state().skipUntilSync) {
            prepared.put(p.name(), new Prepared(st, p.sql(), null, false));
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY), false);
            return;
        }
        var rejection = ctx.planner().lint(p.sql(), st);
        if (rejection.isPresent()) {
            if (ctx.state().inBlock) ctx.state().failed = true;
            injectError(rejection.get());
            return;
        }
        var rewrite = ctx.planner().parseRewrite(ctx.state(), st);
        prepared.put(p.name(), new Prepared(st, p.sql(), rewrite == null ? null : rewrite.tag(), rewrite != null && rewrite.localDdl()));
        if (rewrite == null) {
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY), false);
        } else if (rewrite.error() != null) {
            if (ctx.state().inBlock) ctx.state().failed = true;
            injectError(rewrite.error());
        } else {
            ctx.responses().expect(new Step(StepKind.PARSE, Outcome.RELAY));
            ctx.backend().write(new Parse(p.name(), rewrite.sql(), p.parameterTypes()));
        }
    }

    void onBind(FrontendMessage.BindTarget b, Frame raw) {
        Prepared st = prepared.get(b.statement());
        if (st != null) portals.put(b.portal(), st);
        forward(raw, new Step(StepKind.BIND, Outcome.RELAY), false);
    }

    void onDescribe(FrontendMessage.Describe d, Frame raw) {
        forward(raw, new Step(d.kind() == 'S' ? StepKind.DESCRIBE_STATEMENT : StepKind.DESCRIBE_PORTAL, Outcome.RELAY), false);
    }

    void onExecute(Execute e, Frame raw) {
        Prepared p = portals.get(e.portal());
        if (ctx.state().skipUntilSync || p == null || p.statement() == null) {
            forward(raw, new Step(StepKind.EXECUTE, Outcome.RELAY));
            return;
        }
        if (!ctx.state().inBlock && !ctx.state().implicitOpen) {
            ctx.planner().beginImplicit(ctx.state());
            ctx.state().implicitOpen = true;
        }
        boolean readOnly = ctx.state().inBlock && ctx.state().readOnly; // before planning (a COMMIT ends it)
        StatementPlanner.Planned plan = ctx.planner().execution(ctx.state(), p.statement(), p.localDdl());
        if (plan.outcome().mode() == Outcome.Mode.ERROR_INSTEAD) {
            // A refused COMMIT: roll back, report the refusal, and make the backend skip to Sync.
            injectStatement("ROLLBACK", plan.outcome());
            injectStatement(BackendSql.raise(new DsqlError("XX000", "dsqlkit: skip to sync")), Outcome.suppressError());
            ctx.state().skipUntilSync = true;
        } else if (plan.changed()) {
            injectStatement(plan.sql(), plan.outcome());
            if (BackendSql.isRaise(plan.sql())) ctx.state().skipUntilSync = true;
        } else {
            Outcome o = p.tag() != null ? Outcome.tag(p.tag()) : plan.outcome();
            forward(raw, new Step(StepKind.EXECUTE, o), !PlainRead.all(List.of(p.statement()), readOnly));
        }
    }

    void onClose(FrontendMessage.Close c, Frame raw) {
        (c.kind() == 'S' ? prepared : portals).remove(c.name());
        forward(raw, new Step(StepKind.CLOSE, Outcome.RELAY), false);
    }

    void onSync(Frame raw) {
        // the Sync commits an implicit transaction: a write's deferred checks may wait at that COMMIT
        boolean commitsWrites = !ctx.state().inBlock && ctx.state().implicitOpen && (ctx.state().hasDml || ctx.state().hasDdl);
        if (commitsWrites && !ctx.state().skipUntilSync) {
            var refusal = ctx.planner().commitCheck(ctx.state());
            refusal.ifPresent(e -> injectStatement(BackendSql.raise(e), Outcome.RELAY));
        }
        ctx.state().implicitOpen = false;
        ctx.state().skipUntilSync = false;
        forward(raw, new Step(StepKind.SYNC, Outcome.RELAY), commitsWrites);
    }

    /** Flush: the backend answers what it has; no answer of its own. */
    void onFlush(Frame raw) {
        raw.decodeFrontend();
        ctx.backend().forward(raw);
    }

    /** Parse+Bind+Execute of an internal statement on the unnamed statement and portal. */
    private void injectStatement(String sql, Outcome outcome) {
        ctx.responses().expect(new Step(StepKind.PARSE, Outcome.SUPPRESS));
        ctx.backend().write(new Parse("", sql, List.of()));
        ctx.responses().expect(new Step(StepKind.BIND, Outcome.SUPPRESS));
        ctx.backend().write(new Bind("", "", List.of(), List.of(), List.of()));
        ctx.responses().expect(new Step(StepKind.EXECUTE, outcome));
        ctx.backend().write(new Execute("", 0));
    }

    /** A refusal in place of the client's message; the backend then skips to Sync. */
    private void injectError(DsqlError e) {
        injectStatement(BackendSql.raise(e), Outcome.RELAY);
        ctx.state().skipUntilSync = true;
    }

    private void forward(Frame raw, Step step) {
        forward(raw, step, true);
    }

    /**
     * {@code mayWaitForLocks} false for what waits only where a plain read would (Parse, Bind, Describe and Close take
     * at most relation locks that only DDL conflicts with; see {@link PlainRead#all}): the OCC arbiter then
     * asks about it only while some session may hold an exclusive lock.
     */
    private void forward(Frame raw, Step step, boolean mayWaitForLocks) {
        ctx.responses().expect(step, mayWaitForLocks);
        ctx.backend().forward(raw);
    }

    private enum StepKind { PARSE, BIND, DESCRIBE_STATEMENT, DESCRIBE_PORTAL, EXECUTE, CLOSE, SYNC }

    /** One extended-protocol message's answer. */
    private final class Step implements ResponseQueue.Expectation {
        private final StepKind kind;
        private final Outcome outcome;

        Step(StepKind kind, Outcome outcome) {
            this.kind = kind;
            this.outcome = outcome;
        }

        @Override
        public boolean isSync() {
            return kind == StepKind.SYNC;
        }

        @Override
        public boolean onBackend(Frame f) {
            byte t = f.type();
            if (t == BackendType.ERROR_RESPONSE && kind != StepKind.SYNC) {
                ctx.tx().backendError(f, outcome);
                // The backend now ignores everything up to Sync: so do our expectations.
                ctx.responses().skipToSync();
                return true;
            }
            boolean relayIt = outcome.mode() == Outcome.Mode.RELAY;
            switch (kind) {
                case PARSE, BIND, CLOSE, DESCRIBE_PORTAL -> {
                    if (relayIt) ctx.out().relay(f);
                    return true;
                }
                case DESCRIBE_STATEMENT -> {
                    // ParameterDescription, then RowDescription or NoData.
                    if (relayIt) ctx.out().relay(f);
                    return t == BackendType.ROW_DESCRIPTION || t == BackendType.NO_DATA;
                }
                case EXECUTE -> {
                    if (t == BackendType.COMMAND_COMPLETE) {
                        ctx.tx().complete(f, outcome, false);
                        return true;
                    }
                    if (relayIt) ctx.out().relay(f);
                    return t == BackendType.EMPTY_QUERY_RESPONSE || t == BackendType.PORTAL_SUSPENDED;
                }
                case SYNC -> {
                    if (t == BackendType.READY_FOR_QUERY) {
                        ctx.flow().readyForQuery(f);
                        return true;
                    }
                    if (t == BackendType.ERROR_RESPONSE) {
                        ctx.tx().backendError(f, outcome);
                        return false;
                    }
                    ctx.out().relay(f);
                    return false;
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }
}

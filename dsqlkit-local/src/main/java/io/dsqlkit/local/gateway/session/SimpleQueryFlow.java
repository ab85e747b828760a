package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simple-query conversation (r2dbc-postgresql's SimpleQueryMessageFlow): a Query's statements are
 * planned one by one (lint, transaction shape, behaviour), sent as one Query (the client's frame
 * unchanged when nothing was rewritten), and their answers shaped per statement until ReadyForQuery.
 * An autocommit write is wrapped in BEGIN and committed in a second round trip, so COMMIT-time
 * checks can still refuse and undo it (dsql-facts §1.2). FunctionCall takes the same path unplanned.
 */
final class SimpleQueryFlow {

    private final FlowContext ctx;

    SimpleQueryFlow(FlowContext ctx) {
        this.ctx = ctx;
    }

    void onQuery(String sql, Frame raw) {
        SplitCache.Split split = ctx.planner().splitOrNull(sql);
        ctx.flow().block();
        ctx.tx().exchangeStarted();
        String readKey = split == null ? null : split.plainReadLintKey();
        if (readKey != null && ctx.planner().canPlanKnownRead(ctx.state(), readKey)) {
            knownRead(sql, raw, split);
            return;
        }
        List<Statement> statements = split == null ? null : ctx.planner().statementsOrNull(split);
        if (statements == null) {
            ctx.planner().beginImplicit(ctx.state());
            relayUnplanned(raw);
            return;
        }
        if (statements.isEmpty()) {
            relayUnplanned(raw);
            return;
        }
        boolean autocommit = !ctx.state().inBlock;
        boolean readOnly = ctx.state().inBlock && ctx.state().readOnly; // before planning runs ahead of the backend
        boolean hasTxControl = false;
        for (Statement s : statements) if (s.category() == StatementCategory.TRANSACTION_CONTROL) hasTxControl = true;
        ctx.planner().beginImplicit(ctx.state());
        List<Outcome> outcomes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        boolean changed = false;
        boolean write = false;
        for (Statement s : statements) {
            StatementPlanner.Planned p = ctx.planner().plan(ctx.state(), s, sql);
            outcomes.add(p.outcome());
            texts.add(p.sql());
            changed |= p.changed();
            write |= p.write();
            if (p.stopAfter()) {
                changed |= texts.size() < statements.size();
                break;
            }
        }
        // dsql-facts §1.2: an autocommit write is wrapped in BEGIN ... so that the COMMIT-time checks
        // (age, behaviour.beforeCommit) can still refuse and undo it, as DSQL does at commit.
        if (autocommit && !hasTxControl && write) {
            outcomes.add(0, Outcome.SUPPRESS);
            texts.add(0, "BEGIN");
            boolean hadDdl = ctx.state().hasDdl;
            QueryExchange first = new QueryExchange(outcomes, ready -> finishWrapped((char) ready.firstBodyByte(), hadDdl));
            first.holdLast = true;
            ctx.responses().expect(first);
            ctx.backend().write(new FrontendMessage.Query(String.join(";\n", texts)));
        } else {
            ctx.responses().expect(new QueryExchange(outcomes, ctx.flow()::readyForQuery), changed || !PlainRead.all(statements, readOnly));
            if (changed) ctx.backend().write(new FrontendMessage.Query(String.join(";\n", texts)));
            else ctx.backend().forward(raw);
        }
    }

    /**
     * A text the planner knows as one plain read it can plan without lexing (the point query an application repeats
     * with other numbers): what the general path above does with it, minus the work whose result is known.
     */
    private void knownRead(String sql, Frame raw, SplitCache.Split split) {
        // Outside any transaction, and no extended-protocol exchange waiting for its Sync (whose implicit transaction a
        // retried read would take down with it): only then is a prepared read answered as its Query would be.
        boolean unitOfItsOwn = !ctx.state().inBlock && ctx.backend().waitsIdle();
        ctx.planner().beginImplicit(ctx.state());
        StatementPlanner.Planned p = ctx.planner().planKnownRead(ctx.state(), sql);
        // A plain read waits for no lock (PlainRead.all); a refusal goes to the backend as its own statement.
        QueryExchange exchange = new QueryExchange(List.of(p.outcome()), ctx.flow()::readyForQuery);
        if (!p.changed() && unitOfItsOwn && PreparedReads.ENABLED) {
            int[] integers = split.operandIntegers();
            PreparedReads.Use use = integers == null ? null
                    : ctx.backend().preparedReads.use(sql, split.shapeKey(), integers, ctx.planner().schemaEpoch());
            if (use != null) {
                exchange.prepared = use;
                ctx.responses().expect(exchange, false);
                ctx.backend().write(use);
                return;
            }
        }
        ctx.responses().expect(exchange, p.changed());
        if (p.changed()) ctx.backend().write(new FrontendMessage.Query(p.sql()));
        else ctx.backend().forward(raw);
    }

    /** A FunctionCall: one implicit unit, answered like a Query without statements to shape. */
    void onFunctionCall(Frame raw) {
        raw.decodeFrontend();
        ctx.flow().block();
        ctx.tx().exchangeStarted();
        ctx.planner().beginImplicit(ctx.state());
        relayUnplanned(raw);
    }

    private void relayUnplanned(Frame raw) {
        ctx.responses().expect(new QueryExchange(List.of(), ctx.flow()::readyForQuery));
        ctx.backend().forward(raw);
    }

    /** Second half of a wrapped autocommit write: COMMIT, or ROLLBACK standing for a refused commit. */
    private void finishWrapped(char status, boolean hadDdl) {
        if (status == 'T') {
            var refusal = ctx.planner().commitCheck(ctx.state());
            if (refusal.isPresent()) {
                ctx.responses().expect(new QueryExchange(List.of(Outcome.errorInstead(refusal.get())), ctx.flow()::readyForQuery));
                ctx.backend().write(new FrontendMessage.Query("ROLLBACK"));
            } else {
                ctx.responses().expect(new QueryExchange(List.of(Outcome.suppressedTxEnd(hadDdl)), ctx.flow()::readyForQuery));
                ctx.backend().write(new FrontendMessage.Query("COMMIT"));
            }
        } else {
            ctx.responses().expect(new QueryExchange(List.of(Outcome.suppressedTxEnd(hadDdl)), ctx.flow()::readyForQuery));
            ctx.backend().write(new FrontendMessage.Query("ROLLBACK"));
        }
        ctx.backend().flush();
    }

    /** The answers to one Query (or FunctionCall): per statement, in order, then ReadyForQuery. */
    private final class QueryExchange implements ResponseQueue.Expectation {
        private final List<Outcome> outcomes;
        private final Consumer<Frame> onReady;
        private int index;
        /** Hold the last statement's completion until ReadyForQuery (the wrapped write's). */
        boolean holdLast;
        /**
         * Non-null when the Query was sent as a prepared read ({@link PreparedReads}): the extended protocol's own
         * acknowledgements are dropped, and a statement PostgreSQL no longer runs as prepared is retried as the
         * client's text ({@link PreparedReads.Use#sql}) in a Query.
         */
        PreparedReads.Use prepared;
        private boolean retry;

        QueryExchange(List<Outcome> outcomes, Consumer<Frame> onReady) {
            this.outcomes = outcomes;
            this.onReady = onReady;
        }

        private Outcome current() {
            return index < outcomes.size() ? outcomes.get(index) : Outcome.RELAY;
        }

        @Override
        public boolean onBackend(Frame f) {
            if (prepared != null && preparedAnswer(f)) return retry && f.type() == BackendType.READY_FOR_QUERY;
            switch (f.type()) {
                case BackendType.ROW_DESCRIPTION, BackendType.DATA_ROW -> {
                    if (current().mode() == Outcome.Mode.RELAY) ctx.out().relay(f);
                }
                case BackendType.COMMAND_COMPLETE -> {
                    ctx.tx().complete(f, current(), holdLast && index == outcomes.size() - 1);
                    index++;
                }
                case BackendType.EMPTY_QUERY_RESPONSE -> {
                    ctx.out().relay(f);
                    index++;
                }
                case BackendType.COPY_IN_RESPONSE -> {
                    // COPY FROM STDIN (supported by DSQL, dsql-facts §1.1): let the client's copy stream through.
                    ctx.out().relay(f);
                    ctx.out().flush();
                    ctx.flow().copyInStarted();
                }
                case BackendType.ERROR_RESPONSE -> {
                    ctx.tx().backendError(f, current());
                    index = outcomes.size();
                }
                case BackendType.READY_FOR_QUERY -> {
                    onReady.accept(f);
                    return true;
                }
                default -> ctx.out().relay(f);
            }
            return false;
        }

        /**
         * What only a prepared read is answered with; true when {@code f} is consumed here: ParseComplete,
         * BindComplete, CloseComplete (of statements closed first) and NoData are not the client's, an error saying
         * the statement cannot run as prepared leads to the retry, sent on the ReadyForQuery after it.
         */
        private boolean preparedAnswer(Frame f) {
            switch (f.type()) {
                case BackendType.PARSE_COMPLETE -> {
                    prepared.parsed();
                    return true;
                }
                case BackendType.BIND_COMPLETE, BackendType.CLOSE_COMPLETE, BackendType.NO_DATA -> {
                    return true;
                }
                case BackendType.ERROR_RESPONSE -> {
                    if (PreparedReads.notRunnableAsPrepared((BackendMessage.ErrorResponse) f.decodeBackend())) {
                        prepared.forget();
                        retry = true;
                        return true;
                    }
                    prepared.failed();
                    return false;
                }
                case BackendType.READY_FOR_QUERY -> {
                    if (!retry) return false;
                    // Nothing of this exchange reached the client: the Query goes as it came, answered as it would have been.
                    ctx.responses().expect(new QueryExchange(outcomes, onReady), false);
                    ctx.backend().write(new FrontendMessage.Query(prepared.sql()));
                    ctx.backend().flush();
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }
}

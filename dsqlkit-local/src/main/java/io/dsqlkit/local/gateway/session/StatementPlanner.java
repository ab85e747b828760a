package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.Interception;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.sql.SqlText;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides, statement by statement, what the backend gets and how its answer is shaped, while
 * simulating DSQL's transaction rules on the session's {@link SessionState}:
 * the linter's rejections, one DDL per transaction and no DDL with DML (dsql-facts §1.2), the
 * behaviour's interceptions, and the COMMIT-time checks (age, behaviour.beforeCommit; §2, §3).
 * A refusal becomes {@link BackendSql#raise} so the backend aborts the transaction exactly as if
 * the statement had failed there.
 */
public final class StatementPlanner {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    private final Linter linter;
    private final DsqlBehaviour behaviour;
    private final Limits limits;
    private final LongSupplier nanoClock;
    /**
     * Linting costs tens of microseconds per statement, as much as PostgreSQL's own work for a point
     * query; applications repeat the same statement shapes, so verdicts are cached per shape.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<DsqlError>> lintCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LINT_CACHE_SIZE = 10_000;
    private final SplitCache splits = new SplitCache();
    /**
     * Counts the statements seen that may change what a read prepared before them means ({@link PreparedReads}): DDL,
     * utility statements (DEALLOCATE, DO, CALL, ...), DISCARD, and texts relayed unsplit. Shared by all sessions:
     * another session's ALTER TABLE changes what this session's prepared {@code SELECT *} returns.
     */
    private final java.util.concurrent.atomic.AtomicLong schemaEpoch = new java.util.concurrent.atomic.AtomicLong();

    public StatementPlanner(Linter linter, DsqlBehaviour behaviour, Limits limits, LongSupplier nanoClock) {
        this.linter = linter;
        this.behaviour = behaviour;
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /**
     * One planned statement.
     *
     * @param sql          what to send (never null)
     * @param outcome      how to shape the answer
     * @param changed      {@code sql} differs from the client's statement
     * @param stopAfter    nothing after it may run (a failed COMMIT)
     * @param write        DDL or DML (an autocommit write is wrapped so COMMIT-time checks can undo it)
     */
    public record Planned(String sql, Outcome outcome, boolean changed, boolean stopAfter, boolean write) {}

    /** A client's SQL text as the {@link SplitCache} has it, or null if the splitter cannot handle it. */
    SplitCache.Split splitOrNull(String sql) {
        try {
            return splits.lookup(sql);
        } catch (RuntimeException e) {
            schemaEpoch.incrementAndGet();
            return unsplittable(e);
        }
    }

    /**
     * The non-empty statements of a client's SQL text (possibly none), or null if the splitter cannot
     * handle it: then the text is relayed unplanned.
     */
    List<Statement> statementsOrNull(String sql) {
        SplitCache.Split split = splitOrNull(sql);
        return split == null ? null : statementsOrNull(split);
    }

    /** {@link #statementsOrNull(String)} of a text already looked up. */
    List<Statement> statementsOrNull(SplitCache.Split split) {
        List<Statement> all;
        try {
            all = split.statements();
        } catch (RuntimeException e) {
            schemaEpoch.incrementAndGet();
            return unsplittable(e);
        }
        List<Statement> real = new java.util.ArrayList<>(all.size());
        for (Statement s : all) {
            if (s.category() == StatementCategory.EMPTY) continue;
            real.add(s);
            if (mayChangePreparedReads(s)) schemaEpoch.incrementAndGet();
        }
        return real;
    }

    private static boolean mayChangePreparedReads(Statement s) {
        return switch (s.category()) {
            case DDL, UTILITY -> true;
            case SESSION -> "DISCARD".equals(s.kind());
            default -> false;
        };
    }

    /** See {@link #schemaEpoch}: a prepared read is used only while this is what it was when the read was prepared. */
    long schemaEpoch() {
        return schemaEpoch.get();
    }

    private static <T> T unsplittable(RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot split a statement; relaying it unchecked: " + e);
        return null;
    }

    /**
     * Whether a text the split cache knows as one plain read ({@link SplitCache.Split#plainReadLintKey}) can be
     * planned without its statement in this session now, by {@link #planKnownRead}: the transaction has not failed,
     * the linter's verdict under the key is cached and clean, and the behaviour intercepts no plain read. Changes
     * nothing.
     */
    boolean canPlanKnownRead(SessionState s, String lintKey) {
        if (s.inBlock && s.failed) return false;
        if (behaviour.interceptsPlainReads()) return false;
        Optional<DsqlError> verdict = lintCache.get(lintKey);
        return verdict != null && verdict.isEmpty();
    }

    /**
     * What {@link #plan} makes of such a text, without lexing it: the linter passed it (same key), it is neither
     * transaction control, DDL, DML nor SHOW, and the behaviour does not intercept it; what is left is the
     * behaviour's transaction start, which may refuse it.
     */
    Planned planKnownRead(SessionState s, String sql) {
        Optional<DsqlError> e = transactionStart(s);
        if (e.isPresent()) return refuse(s, e.get());
        return new Planned(sql, Outcome.RELAY, false, false, false);
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** Called by the session when an autocommit unit (a Query, or extended messages up to Sync) begins. */
    void beginImplicit(SessionState s) {
        if (!s.inBlock) s.startTransaction(now());
    }

    /** The linter's first rejection of one statement (dsql-facts §1), as DSQL words it. */
    Optional<DsqlError> lint(String source, Statement st) {
        String key = LintCacheKey.of(st);
        if (key == null) return lintNow(source, st);
        Optional<DsqlError> hit = lintCache.get(key);
        if (hit != null) return hit;
        Optional<DsqlError> r = lintNow(source, st);
        if (lintCache.size() >= LINT_CACHE_SIZE) lintCache.clear();
        lintCache.put(key, r);
        return r;
    }

    private Optional<DsqlError> lintNow(String source, Statement st) {
        return linter.firstRejection(source, st).map(d -> new DsqlError(d.sqlstate(), d.message()));
    }

    /** Plans a statement of a simple Query: lint, transaction shape, then the behaviour's interception. */
    Planned plan(SessionState s, Statement st, String source) {
        if (s.inBlock && s.failed) return execution(s, st, null);
        Optional<DsqlError> rejection = lint(source, st);
        if (rejection.isPresent()) return refuse(s, rejection.get());
        Planned exec = execution(s, st, null);
        if (exec.changed() || st.category() == StatementCategory.TRANSACTION_CONTROL) return exec;
        Planned show = showRewrite(st);
        if (show != null) return show;
        Interception i = behaviour.intercept(s, st);
        if (i instanceof Interception.Fail f) return refuse(s, f.error());
        if (i instanceof Interception.LocalResult r) {
            if (r.isDdl() && st.category() != StatementCategory.DDL) {
                if (s.hasDdl) return refuse(s, DsqlErrors.MULTIPLE_DDL);
                if (s.hasDml) return refuse(s, DsqlErrors.DDL_AND_DML);
                s.hasDdl = true;
            }
            return new Planned(BackendSql.values(r.columns(), r.rows()), Outcome.tag(r.commandTag()), true, false,
                    exec.write() || r.isDdl());
        }
        if (i instanceof Interception.Rewrite rw) return new Planned(rw.sql(), Outcome.RELAY, true, false, exec.write());
        return exec;
    }

    /**
     * What a Parse becomes (extended protocol): null to forward it unchanged; else the SQL to prepare
     * instead with the tag its execution reports, or an error to raise at once.
     */
    record ParseRewrite(String sql, String tag, DsqlError error, boolean localDdl) {}

    ParseRewrite parseRewrite(SessionState s, Statement st) {
        if (st.category() == StatementCategory.TRANSACTION_CONTROL) return null;
        Planned show = showRewrite(st);
        if (show != null) return new ParseRewrite(show.sql(), show.outcome().tag(), null, false);
        Interception i = behaviour.intercept(s, st);
        if (i instanceof Interception.Fail f) return new ParseRewrite(null, null, f.error(), false);
        if (i instanceof Interception.LocalResult r) {
            return new ParseRewrite(BackendSql.values(r.columns(), r.rows()), r.commandTag(), null, r.isDdl());
        }
        if (i instanceof Interception.Rewrite rw) return new ParseRewrite(rw.sql(), null, null, false);
        return null;
    }

    /**
     * The execution-time part (an Execute, or a simple Query's statement after linting): transaction
     * control, one DDL per transaction and no DDL with DML (dsql-facts §1.2), the behaviour's
     * transaction start. {@code localDdl} marks a statement the behaviour answers locally as DDL.
     */
    Planned execution(SessionState s, Statement st, Boolean localDdl) {
        StatementCategory cat = st.category();
        String kind = st.kind();
        String original = sqlOf(st);
        if (s.inBlock && s.failed) {
            // The backend answers 25P02 itself, and ROLLBACK for COMMIT (dsql-facts §1.2).
            if (cat == StatementCategory.TRANSACTION_CONTROL && isEnd(kind)) {
                boolean ddl = s.hasDdl;
                if (("COMMIT".equals(kind) || "END".equals(kind)) && s.reportDoom()) {
                    // OCC: the transaction was rolled back for another's write; DSQL fails its COMMIT.
                    s.endTransaction();
                    return new Planned("ROLLBACK", Outcome.errorInstead(DsqlErrors.OC000), true, true, false);
                }
                s.endTransaction();
                return new Planned(original, Outcome.txEnd(ddl), false, false, false);
            }
            return new Planned(original, Outcome.RELAY, false, false, false);
        }
        if (cat == StatementCategory.TRANSACTION_CONTROL) return planTransactionControl(s, st, kind, original);
        if (PlainRead.changesSettings(st)) s.readOnly = false;
        if (BackendPool.changesNewSessions(kind)) s.changedNewSessions = true;
        boolean ddl = cat == StatementCategory.DDL || Boolean.TRUE.equals(localDdl);
        if (ddl) {
            if (s.hasDdl) return refuse(s, DsqlErrors.MULTIPLE_DDL);
            if (s.hasDml) return refuse(s, DsqlErrors.DDL_AND_DML);
        } else if (cat == StatementCategory.DML && s.hasDdl) {
            return refuse(s, DsqlErrors.DDL_AND_DML);
        }
        Optional<DsqlError> e = transactionStart(s);
        if (e.isPresent()) return refuse(s, e.get());
        if (ddl) s.hasDdl = true;
        if (cat == StatementCategory.DML) s.hasDml = true;
        return new Planned(original, Outcome.RELAY, false, false, ddl || cat == StatementCategory.DML);
    }

    /** The behaviour's transaction start, once per transaction (at its first statement past transaction control). */
    private Optional<DsqlError> transactionStart(SessionState s) {
        if (s.behaviourNotified) return Optional.empty();
        s.behaviourNotified = true;
        return behaviour.onTransactionStart(s);
    }

    private Planned planTransactionControl(SessionState s, Statement st, String kind, String original) {
        switch (kind) {
            case "BEGIN", "START TRANSACTION" -> {
                if (!s.inBlock) {
                    s.startTransaction(now());
                    s.inBlock = true;
                    s.readOnly = PlainRead.opensReadOnly(st);
                }
                return new Planned(original, Outcome.RELAY, false, false, false);
            }
            case "COMMIT", "END" -> {
                if (!s.inBlock) return new Planned(original, Outcome.RELAY, false, false, false);
                boolean ddl = s.hasDdl;
                Optional<DsqlError> e = commitCheck(s);
                s.endTransaction();
                if (e.isPresent()) return new Planned("ROLLBACK", Outcome.errorInstead(e.get()), true, true, false);
                return new Planned(original, Outcome.txEnd(ddl), false, false, false);
            }
            case "ROLLBACK", "ABORT" -> {
                boolean ddl = s.hasDdl;
                boolean was = s.inBlock;
                s.endTransaction();
                return new Planned(original, was ? Outcome.txEnd(ddl) : Outcome.RELAY, false, false, false);
            }
            default -> {
                return new Planned(original, Outcome.RELAY, false, false, false);
            }
        }
    }

    /** The COMMIT-time checks: a transaction another one won (OCC, §3), its age (§2), then the behaviour's. */
    Optional<DsqlError> commitCheck(SessionState s) {
        if (s.reportDoom()) return Optional.of(DsqlErrors.OC000);
        long ageNanos = now() - s.transactionStartNanos;
        long limit = limits.maxTransactionAge().toNanos();
        if (ageNanos > limit) {
            long ageSeconds = (ageNanos + 999_999_999L) / 1_000_000_000L;
            return Optional.of(DsqlErrors.ageLimit(ageSeconds, Math.max(1, limits.maxTransactionAge().toSeconds())));
        }
        return behaviour.beforeCommit(s);
    }

    private static Planned refuse(SessionState s, DsqlError e) {
        s.refused();
        return new Planned(BackendSql.raise(e), Outcome.RELAY, true, false, false);
    }

    /** {@link Statement#sql()} without its per-call stream and list (this runs for every statement). */
    static String sqlOf(Statement st) {
        Token first = null;
        Token last = null;
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            if (first == null) first = t;
            last = t;
        }
        if (first == null) return "";
        return st.text().substring(first.offset() - st.offset(), last.end() - st.offset());
    }

    static boolean isEnd(String kind) {
        return switch (kind) {
            case "COMMIT", "END", "ROLLBACK", "ABORT" -> true;
            default -> false;
        };
    }

    /** {@code SHOW server_version[_num]} reports DSQL's version, not the embedded PostgreSQL's (dsql-facts §0). */
    private static Planned showRewrite(Statement st) {
        if (!"SHOW".equals(st.kind())) return null;
        List<Token> t = st.significant();
        if (t.size() != 2) return null;
        String name = t.get(1).text().toLowerCase(Locale.ROOT);
        String value = switch (name) {
            case "server_version" -> GatewayConfig.SERVER_VERSION;
            case "server_version_num" -> GatewayConfig.SERVER_VERSION_NUM;
            default -> null;
        };
        if (value == null) return null;
        return new Planned("SELECT " + SqlText.quoteLiteral(value) + "::text AS " + name, Outcome.tag("SHOW"), true, false, false);
    }
}

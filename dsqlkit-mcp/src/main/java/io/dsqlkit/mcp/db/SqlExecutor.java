package io.dsqlkit.mcp.db;

import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.client.RetryResult;
import io.dsqlkit.client.Transactions;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Runs agents' SQL safely:
 * <ul>
 *   <li>reads: one statement (lexer + splitter, and the driver must agree), refused unless a plain
 *       read, bound with the extended protocol inside a READ ONLY transaction opened in the same batch,
 *       its function guard pipelined ahead of it, the session check and the ROLLBACK after it (one round
 *       trip; see {@link #pipelinedQuery} for when the ROLLBACK takes a second one, after the answer); the
 *       connection is dropped whenever the call did not end cleanly;</li>
 *   <li>writes: linted first (a statement DSQL would reject never makes a round trip), one
 *       statement in its own transaction, replayed whole on OCC conflicts;</li>
 *   <li>transactions: several statements, linted one by one and for DSQL's transaction shape,
 *       replayed whole by {@link OccRetry}; never reported committed unless COMMIT succeeded.</li>
 * </ul>
 * Every statement gets a client-side timeout ({@link StatementTimer}, plus a network timeout as a
 * backstop since DSQL may ignore cancel requests) and results are capped in rows and bytes.
 * <p>
 * Retries live here and only here: one budget of {@code occRetry().maxAttempts()} attempts per call
 * (reads in {@link #inReadOnlyTransaction}, writes in {@link OccRetry#run}); the count is reported in
 * the result, and an exhausted budget is an {@link OccRetry.OccRetryExhaustedException} that nothing
 * retries again.
 */
public final class SqlExecutor {
    private static final Logger log = LoggerFactory.getLogger(SqlExecutor.class);
    private static final Executor DIRECT = Runnable::run;

    private final ToolContext ctx;
    private int attempts;
    private boolean spoiled;
    /**
     * Null while the current transaction is open; else it ended in the work's own batch (ROLLBACK and the session
     * check sent with the read, {@link #pipelinedQuery}), and this says whether the connection came out clean.
     */
    private Boolean endedInBatch;

    public SqlExecutor(ToolContext ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- reads

    public Map<String, Object> read(String sql, List<Object> params) throws SQLException {
        Statement s = StatementGuard.single(sql);
        reportSyntaxError(s, params);
        StatementGuard.requireRead(s);
        BoundSql b = BoundSql.of(s, params);
        log.debug("read: {}", b.sql());
        ResultReader.Rows rows = inReadOnlyTransaction(c -> {
            if (ctx.tenant() == null) {
                ResultReader.Rows pipelined = pipelinedQuery(c, s, b);
                if (pipelined != null) return pipelined;
                c.rollback(); // the guard declined (or may have): nothing ran after it; take the full path
            }
            FunctionGuard.checkRead(c, s);
            tenantCheck(c, s, b);
            return query(c, b);
        });
        rows.put("attempts", attempts);
        return rows;
    }

    /** One result-returning statement, read incrementally and bounded ({@link ResultReader}). */
    private ResultReader.Rows query(Connection c, BoundSql b) throws SQLException {
        PreparedStatement ps = prepare(c, b.jdbcSql());
        b.bind(ps, 0);
        ResultReader.Rows rows = null;
        try (StatementTimer timer = timer(ps)) {
            ps.setMaxRows(ctx.settings().rowLimit() + 1);
            ResultSet rs;
            try {
                rs = ps.executeQuery(); // fetches the first FETCH_ROWS rows
            } catch (SQLException e) {
                if (!ResultReader.tooLargeForDriver(e)) throw e;
                rows = ResultReader.tooLarge(e);
                return rows;
            }
            rows = ResultReader.read(rs, ctx.settings().rowLimit(), ctx.settings().limits());
            return rows;
        } finally {
            if (rows != null && rows.connectionSpoiled()) spoiled = true; // the stream is broken: the connection is dropped
            else ps.close();
        }
    }

    /**
     * The read with its function guard in ONE round trip: the guard's catalog query ({@link FunctionGuard#pipelined})
     * and the statement go as one composite statement, before one Sync, in the READ ONLY transaction that pgjdbc's
     * BEGIN opens in the same batch. The guard statement fails unless the read is provably clean, and a failed
     * statement makes the server skip everything up to the Sync, so the read is never parsed, planned or run unless
     * the guard passed. Returns null when the guard declined (or may have): the caller rolls back and runs the full
     * guard, which names the reason or, for views and domains, lexes their definitions.
     * <p>
     * Once the endpoint's session check is known to run ({@link SessionHygiene#endInBatch}), the check and the
     * ROLLBACK follow the statement in the same batch, so the whole read is that one round trip and nothing is left
     * for after the answer. The statement is then executed in one go, without a portal (the ROLLBACK would close it),
     * for at most one fetch's rows plus one: a result with more rows than that is read again the two-round-trip way
     * (its portal fetched as the reader goes), and its text is remembered so that it goes that way first next time.
     */
    private ResultReader.Rows pipelinedQuery(Connection c, Statement s, BoundSql b) throws SQLException {
        FunctionGuard.Pipelined guard = FunctionGuard.pipelined(s);
        SessionHygiene.BatchEnd end = MANY_ROWS.peek(b.jdbcSql()) == null ? SessionHygiene.endInBatch(ctx.database().forReads()) : null;
        if (guard == null && end == null) return query(c, b); // a SELECT of literals alone: nothing to look up at all
        int rowLimit = ctx.settings().rowLimit();
        boolean oneBatchOnly = end != null && rowLimit > ResultReader.FETCH_ROWS;
        PreparedStatement ps = prepare(c, (guard == null ? "" : guard.sql() + ";\n") + b.jdbcSql()
                + (end == null ? "" : "\n;\n" + end.sql())); // the newline ends a trailing -- comment of the read
        if (guard != null) guard.bind(c, ps);
        b.bind(ps, guard == null ? 0 : guard.parameters());
        ResultReader.Rows rows = null;
        try (StatementTimer timer = timer(ps)) {
            ps.setMaxRows((oneBatchOnly ? ResultReader.FETCH_ROWS : rowLimit) + 1);
            if (end != null) ps.setFetchSize(0); // no portal: all rows come with the one Execute
            try {
                if (!ps.execute()) throw new SQLException("the read returned no result", "XX000");
            } catch (SQLException e) {
                if (guard != null && FunctionGuard.Pipelined.declined(e)) {
                    log.debug("pipelined function guard declined ({}); checking in full", e.getMessage());
                    return null;
                }
                if (!ResultReader.tooLargeForDriver(e)) throw e;
                rows = ResultReader.tooLarge(e);
                return rows;
            }
            if (guard != null) {
                try (ResultSet g = ps.getResultSet()) {
                    // the guard passed: its one row holds NULL (anything else would have been a cast error)
                    if (!g.next() || g.getObject(1) != null) throw new SQLException("unexpected function guard answer", "XX000");
                }
                if (!ps.getMoreResults()) throw new SQLException("the read returned no result set", "XX000");
            }
            rows = ResultReader.read(ps.getResultSet(), rowLimit, ctx.settings().limits());
            if (end == null || rows.connectionSpoiled()) return rows;
            endedInBatch = end.endedClean(ps, c);
            if (!oneBatchOnly || Boolean.TRUE.equals(rows.get("truncated")) || rows.rows().size() <= ResultReader.FETCH_ROWS) {
                return rows;
            }
        } finally {
            if (rows != null && rows.connectionSpoiled()) spoiled = true;
            else ps.close();
        }
        // more rows than one fetch: read again with a portal (pgjdbc's BEGIN opens a new transaction)
        MANY_ROWS.keep(b.jdbcSql(), Boolean.TRUE);
        if (!endedInBatch) throw new SQLException("the read's session check failed; the connection is dropped", "08006");
        endedInBatch = null;
        return pipelinedQuery(c, s, b);
    }

    /** Texts of reads that returned more rows than one fetch: they take the two-round-trip way at once. */
    private static final TextCache<Boolean> MANY_ROWS = new TextCache<>(1_000, 10_000);

    /**
     * Work inside a READ ONLY transaction on a connection of its own, then ROLLBACK. The transaction
     * opens with the first statement (pgjdbc, autocommit off + read-only: {@code BEGIN READ ONLY}
     * travels in the same round trip). A query's read costs one round trip, its guard, check and ROLLBACK included
     * ({@link #pipelinedQuery}); other work is rolled back in a second.
     * DSQL can fail even a read with 40001 (OC001 after a catalog change, dsql-facts §3) and a pooled
     * connection can turn out to be broken; a read has no effects, so it is run again on a fresh
     * transaction, within the call's attempt budget. The rollback of a clean read that did not end in its own batch runs
     * after the answer is returned ({@link #inBlock}).
     */
    public <T> T inReadOnlyTransaction(SqlWork<T> work) throws SQLException {
        OccRetry retry = ctx.settings().occRetry();
        // the budget is the call's: attempts made earlier in this call count against it
        return OccRetry.retrying(retry.maxAttempts() - attempts, e -> OccRetry.isRetryable(e, false),
                attempt -> retry.backoff(attempts), attempt -> {
                    attempts++;
                    return inBlock(true, work);
                }, (last, made) -> new OccRetry.OccRetryExhaustedException(last, attempts));
    }

    /** Work inside a read-write transaction that is always rolled back (EXPLAIN ANALYZE of writes). */
    public <T> T inRolledBackTransaction(SqlWork<T> work) throws SQLException {
        attempts++;
        return inBlock(false, work);
    }

    /** Attempts this call has made so far (reads and writes alike; bounded by the retry policy). */
    public int attempts() {
        return attempts;
    }

    /**
     * Runs {@code work} in a transaction opened by its first statement; {@link #release} always rolls it back. A read
     * that ended cleanly is rolled back after its answer has gone ({@link DeferredReleases}: its ROLLBACK and session
     * check are off the caller's path); anything else, a read-write transaction included, is ended before returning.
     */
    private <T> T inBlock(boolean readOnly, SqlWork<T> work) throws SQLException {
        Database db = readOnly ? ctx.database().forReads() : ctx.database();
        Connection c = db.connection();
        boolean clean = false;
        endedInBatch = null;
        try {
            Transactions.begin(c, readOnly); // ended by release(): ROLLBACK and the session check in one round trip
            T result = work.run(c);
            clean = !spoiled;
            return result;
        } finally {
            Boolean ended = endedInBatch;
            endedInBatch = null;
            if (ended != null) { // the work's own batch rolled back and checked (pipelinedQuery)
                if (clean && ended) closeQuietly(c);
                else evict(db, c);
            } else if (clean && readOnly) db.releaseLater(() -> release(db, c, true));
            else release(db, c, clean);
        }
    }

    /**
     * ROLLBACK, then back to the pool. A call that did not end cleanly drops its connection: a failed
     * statement may have left session state behind (DSQL has no DISCARD to reset it, dsql-facts §1.1),
     * and GUC changes of the rolled-back transaction are undone by the ROLLBACK itself.
     */
    private void release(Database db, Connection c, boolean clean) {
        boolean keep = clean;
        try {
            // the proof that nothing will survive the call and the ROLLBACK go in one round trip (SessionHygiene); no
            // DISCARD ALL (DSQL refuses it, and on PostgreSQL it would cost a round trip the check makes unneeded).
            keep &= SessionHygiene.rollback(c, db, keep); // a connection dropped anyway needs no check
        } catch (SQLException | RuntimeException e) {
            keep = false;
        }
        if (keep) closeQuietly(c);
        else evict(db, c); // closes it too
    }

    /** The pool for writes: a connection that kept session state past its COMMIT is dropped ({@link SessionHygiene#afterCommit}). */
    private static javax.sql.DataSource checkedOnReturn(Database db) {
        return SessionHygiene.forWrites(db);
    }

    private static void evict(Database db, Connection c) {
        if (db.dataSource() instanceof HikariDataSource h) {
            try {
                h.evictConnection(c);
            } catch (RuntimeException e) {
                log.debug("evicting a connection failed: {}", e.toString());
            }
        } else {
            try {
                c.abort(DIRECT);
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /**
     * Text that starts like no PostgreSQL statement ({@code SELEC 1}) is a syntax error, not a utility
     * command: the server's parser says so, with SQLSTATE 42601 and the position. Only a Parse is sent
     * (pgjdbc's describe of the prepared statement, inside a read-only transaction that is rolled
     * back): nothing executes. Should the server accept the text, the caller refuses it as before.
     */
    private void reportSyntaxError(Statement s, List<Object> params) throws SQLException {
        if (!StatementGuard.isUnknownStatement(s)) return;
        BoundSql b = BoundSql.of(s, params);
        inReadOnlyTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(b.jdbcSql())) {
                ps.getMetaData(); // Parse + Describe, no Bind/Execute
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- writes

    /** One statement of any kind, in its own transaction: a read runs as a read, a write needs --allow-writes. */
    public Map<String, Object> execute(String sql, List<Object> params) throws SQLException {
        Statement s = StatementGuard.single(sql);
        if (s.category() == StatementCategory.QUERY) return read(sql, params);
        reportSyntaxError(s, params);
        requireWritesAllowed(s);
        checkWritable(s);
        lint(sql, s, null);
        BoundSql b = BoundSql.of(s, params);
        log.debug("execute: {}", b.sql());
        RetryResult<Map<String, Object>> r = ctx.settings().occRetry().run(checkedOnReturn(ctx.database()), c -> {
            tenantCheck(c, s, b);
            return run(c, b);
        });
        Map<String, Object> out = r.value();
        out.put("attempts", r.attempts());
        return out;
    }

    /** Several statements in one transaction, replayed whole on OCC conflicts; reports attempts. */
    public Map<String, Object> transact(List<String> sqls, List<List<Object>> paramsList) throws SQLException {
        if (sqls.isEmpty()) throw new Refusal("sql_list is empty");
        if (paramsList != null && paramsList.size() != sqls.size()) {
            throw new Refusal("params_list has " + paramsList.size() + " entries but sql_list has " + sqls.size()
                    + "; give one array per statement (use [] for none)", Map.of("argument", "params_list"));
        }
        List<Statement> statements = new ArrayList<>();
        List<BoundSql> bound = new ArrayList<>();
        int ddl = 0;
        int dml = 0;
        for (int i = 0; i < sqls.size(); i++) {
            String sql = sqls.get(i);
            Statement s;
            try {
                s = StatementGuard.single(sql);
            } catch (Refusal e) {
                throw new Refusal("sql_list[" + i + "]: " + e.getMessage(), e.details());
            }
            try {
                reportSyntaxError(s, paramsList == null ? null : paramsList.get(i));
            } catch (SQLException e) {
                Map<String, Object> d = new LinkedHashMap<>(Refusal.sqlDetails(e));
                d.put("index", i);
                throw new Refusal("sql_list[" + i + "]: " + e.getMessage(), d);
            }
            if (s.category() != StatementCategory.QUERY) requireWritesAllowed(s);
            try {
                checkWritable(s);
                lint(sql, s, i);
            } catch (Refusal e) {
                throw new Refusal("sql_list[" + i + "]: " + e.getMessage(), with(e.details(), "index", i));
            }
            if (s.category() == StatementCategory.DDL) ddl++;
            if (s.category() == StatementCategory.DML) dml++;
            statements.add(s);
            bound.add(BoundSql.of(s, paramsList == null ? null : paramsList.get(i)));
        }
        // DSQL's transaction shape (dsql-facts §1.2): at most one DDL, and never DDL with DML.
        if (ddl > 1) throw shapeError(DsqlErrors.MULTIPLE_DDL, "run each DDL statement in its own execute call");
        if (ddl == 1 && dml > 0) throw shapeError(DsqlErrors.DDL_AND_DML, "run the DDL with execute, then the DML with transact");
        RetryResult<List<Map<String, Object>>> r;
        try {
            r = ctx.settings().occRetry().run(checkedOnReturn(ctx.database()), c -> {
                List<Map<String, Object>> results = new ArrayList<>();
                for (int i = 0; i < bound.size(); i++) {
                    tenantCheck(c, statements.get(i), bound.get(i));
                    results.add(run(c, bound.get(i)));
                }
                return results;
            });
        } catch (OccRetry.OccRetryExhaustedException e) {
            throw new Refusal("not committed: " + e.getMessage(), Map.of("committed", false, "attempts", e.attempts(),
                    "sqlstate", String.valueOf(e.getSQLState())));
        } catch (SQLException e) {
            boolean unknown = "XX000".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("server unavailable");
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("committed", unknown ? "unknown" : false);
            if (e.getSQLState() != null) d.put("sqlstate", e.getSQLState());
            throw new Refusal((unknown ? "outcome unknown (server unavailable, possibly during COMMIT; check before retrying): "
                    : "not committed: ") + e.getMessage(), d);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("committed", true);
        out.put("attempts", r.attempts());
        out.put("results", r.value());
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    private static Refusal shapeError(DsqlError e, String fix) {
        return new Refusal(e.message() + " (DSQL would reject this transaction)", Map.of("sqlstate", e.sqlstate(),
                "dsqlMessage", e.message(), "fix", fix));
    }

    private Map<String, Object> run(Connection c, BoundSql b) throws SQLException {
        try (PreparedStatement ps = prepare(c, b.jdbcSql()); StatementTimer timer = timer(ps)) {
            b.bind(ps, 0);
            ps.setMaxRows(ctx.settings().rowLimit() + 1);
            boolean hasRows = ps.execute();
            if (hasRows) {
                try (ResultSet rs = ps.getResultSet()) {
                    ResultReader.Rows rows = ResultReader.read(rs, ctx.settings().rowLimit(), ctx.settings().limits());
                    if (rows.connectionSpoiled()) throw new SQLException("a returned row is larger than the driver's fetch "
                            + "buffer; return fewer or narrower columns (RETURNING)", "54000");
                    // CREATE INDEX ASYNC and ALTER TABLE ASYNC ... VALIDATE return a job_id row (dsql-facts §4)
                    List<Map<String, Object>> list = rows.rows();
                    if (list.size() == 1 && list.get(0).containsKey("job_id")) rows.put("job_id", list.get(0).get("job_id"));
                    return rows;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rowCount", Math.max(0, ps.getUpdateCount()));
            return out;
        }
    }

    private PreparedStatement prepare(Connection c, String jdbcSql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(jdbcSql);
        ps.setFetchSize(ResultReader.FETCH_ROWS); // a portal: rows arrive as they are read, never all at once
        // Backstop for endpoints that ignore cancel requests: the socket read gives up and the pool drops the connection.
        c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, ctx.settings().statementTimeout().toMillis() + 10_000));
        return ps;
    }

    /** The statement timeout of one statement, its result's fetches included ({@link StatementTimer}). */
    public StatementTimer timer(java.sql.Statement st) {
        return StatementTimer.arm(st, ctx.settings().statementTimeout());
    }

    private void tenantCheck(Connection c, Statement s, BoundSql b) throws SQLException {
        if (ctx.tenant() == null) return;
        new TenantGuard(ctx.settings().tenantColumn(), ctx.tenant()).check(c, s, b);
    }

    private void requireWritesAllowed(Statement s) {
        if (!ctx.settings().writesAllowed()) {
            throw new Refusal("the server is read-only: " + (s.kind().isEmpty() ? "this statement" : s.kind())
                    + " would change the database. Restart it with --allow-writes to enable execute and transact writes "
                    + "(against AWS the default is read-only).", Map.of("readOnly", true));
        }
    }

    /** Statements execute and transact will not run at all. */
    private static void checkWritable(Statement s) {
        switch (s.category()) {
            case TRANSACTION_CONTROL -> throw new Refusal(s.kind() + ": each call runs in its own transaction; "
                    + "use transact to run several statements in one transaction", Map.of("kind", s.kind()));
            case SESSION -> throw new Refusal(s.kind() + " changes session state of a pooled connection shared by later "
                    + "calls; it is refused", Map.of("kind", s.kind()));
            case UTILITY -> {
                if (!s.kind().equals("ANALYZE")) {
                    throw new Refusal(s.kind() + " is not run by this server (COPY, DO, CALL, PREPARE/EXECUTE, LISTEN, "
                            + "LOCK ...). For async jobs use wait_for_job.", Map.of("kind", s.kind()));
                }
            }
            default -> { }
        }
        StatementGuard.checkFunctions(s, false);
    }

    /** Lints one statement with the server's DSQL profile; a rejection becomes a tool error with the fix. */
    private void lint(String sql, Statement s, Integer index) {
        Optional<Diagnostic> d = ctx.linter().firstRejection(sql, s);
        if (d.isEmpty()) return;
        Diagnostic diag = d.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", diag.ruleId());
        details.put("sqlstate", diag.sqlstate());
        details.put("dsqlMessage", diag.message());
        details.put("line", diag.line());
        details.put("column", diag.column());
        if (diag.help() != null) details.put("help", diag.help());
        Finding finding = Finding.of(sql, diag);
        if (finding.hasFix()) {
            if (finding.fixable()) {
                FixResult fixed = ctx.linter().fix(sql);
                details.put("fix", finding.fixText());
                if (fixed.changed()) details.put("fixedSql", fixed.fixed().strip());
            } else {
                details.put("fix", "no automatic fix: " + finding.fixText());
            }
        }
        details.put("profile", ctx.settings().profile().id());
        throw new Refusal("DSQL would reject this statement (" + diag.ruleId() + "): " + diag.message()
                + " [SQLSTATE " + diag.sqlstate() + "]" + (diag.help() == null ? "" : ". " + diag.help()), details);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // returning a broken connection to the pool
        }
    }

    /** Work on a connection inside the transaction the caller manages. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}

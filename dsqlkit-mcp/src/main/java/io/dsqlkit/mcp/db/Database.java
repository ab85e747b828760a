package io.dsqlkit.mcp.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The endpoint the tools talk to, connected lazily on first use so the server answers
 * {@code initialize} before any database work (fast start-up). Every call takes its own pooled
 * connection, so concurrent tool calls never share a transaction.
 */
public final class Database implements AutoCloseable {
    private final Supplier<DataSource> factory;
    private final String description;
    private volatile DataSource dataSource;
    private final Database reader;
    private final DeferredReleases releases = new DeferredReleases();

    public Database(Supplier<DataSource> factory, String description) {
        this(factory, description, null);
    }

    private Database(Supplier<DataSource> factory, String description, Database reader) {
        this.factory = factory;
        this.description = description;
        this.reader = reader;
    }

    /**
     * This endpoint, with reads going to {@code reader}: a second pool connected as a least-privilege
     * role (on DSQL a role mapped with AWS IAM GRANT and given only SELECT), so that even a read the
     * guards wrongly let through cannot write, sign other sessions or read what the role may not.
     */
    public Database withReader(Database reader) {
        return new Database(factory, description + ", reads as " + reader.description, reader);
    }

    /** Where reads run: the reader's pool when one was configured, else this one. */
    public Database forReads() {
        return reader == null ? this : reader;
    }

    public static Database of(DataSource ds, String description) {
        return new Database(() -> ds, description);
    }

    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            synchronized (this) {
                if (dataSource == null) dataSource = factory.get();
                ds = dataSource;
            }
        }
        return ds;
    }

    public Connection connection() throws SQLException {
        return dataSource().getConnection();
    }

    /**
     * Connects ahead of the first tool call (the pool, its first connection, and the reader's): a first call then
     * finds them ready instead of waiting for the driver's and pool's start (and, for the embedded local DSQL, its
     * start). A failure is left for the first call to report.
     */
    public void warmUp() {
        try (Connection c = connection()) {
            c.isValid(5);
        } catch (SQLException | RuntimeException e) {
            // the first tool call connects again and reports it
        }
        if (reader != null) reader.warmUp();
    }

    /** Where we are connected, without secrets (e.g. "local DSQL 127.0.0.1:5432"). */
    public String description() {
        return description;
    }

    /** Runs the end of a clean read after its answer ({@link DeferredReleases}). */
    void releaseLater(Runnable release) {
        releases.submit(release);
    }

    /**
     * Waits (at most {@code max}) until every read of this endpoint (and of its reader) has given its connection
     * back; true when all have. Tests that count round trips or connections call it after a read.
     */
    public boolean awaitReleases(Duration max) {
        return releases.awaitIdle(max) && (reader == null || reader.awaitReleases(max));
    }

    @Override
    public void close() {
        releases.shutdown(Duration.ofSeconds(5)); // the pending ROLLBACKs first: the pool waits for checked-out connections
        if (reader != null) reader.close();
        DataSource ds = dataSource;
        if (ds instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a pool at shutdown: nothing useful to do with a failure
            }
        }
    }
}

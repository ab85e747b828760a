package io.dsqlkit.local.behaviour;

import io.dsqlkit.local.catalog.BehaviourLimits;
import io.dsqlkit.local.catalog.CatalogQuotas;
import io.dsqlkit.local.catalog.DsqlOnlySettings;
import io.dsqlkit.local.catalog.IamRoleMappings;
import io.dsqlkit.local.catalog.TableName;
import io.dsqlkit.local.catalog.SqlWords;
import io.dsqlkit.local.catalog.SysCatalog;
import io.dsqlkit.local.catalog.TriggerToggles;
import io.dsqlkit.local.jobs.AsyncDdl;
import io.dsqlkit.local.jobs.AsyncJobs;
import io.dsqlkit.local.jobs.JobTiming;
import io.dsqlkit.local.jobs.PreparedJob;
import io.dsqlkit.local.occ.CatalogVersions;
import io.dsqlkit.local.occ.ConflictInjector;
import io.dsqlkit.local.occ.OccErrors;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@link DsqlBehaviour}: the {@code sys} catalog, async DDL jobs, optimistic
 * concurrency, catalog versions (OC001) and catalog quotas as dsql-facts §2-§6 and §8.2 describe.
 * Where it differs from DSQL is listed in docs/local-dsql-differences.md. Thread-safe; one
 * instance serves all sessions, and per-session state lives in {@link SessionView#attributes()}.
 */
public final class StandardDsqlBehaviour implements DsqlBehaviour {
    private static final String PENDING = "dsqlkit.behaviour.pending";
    /**
     * System property giving the default of {@link Options.Builder#staleCatalogFails}: {@code false}
     * turns OC001 on a stale catalog cache off for every local DSQL in the JVM (e.g. for a test
     * suite whose code does not retry OC001 yet).
     */
    public static final String STALE_CATALOG_PROPERTY = "dsqlkit.local.staleCatalogFails";

    private final Options options;
    private final CatalogVersions versions = new CatalogVersions();
    private final CatalogQuotas quotas;
    private volatile BackendConnector backend;
    private volatile AsyncJobs jobs;

    /** DSQL's documented limits and defaults. */
    public StandardDsqlBehaviour() {
        this(Options.defaults());
    }

    public StandardDsqlBehaviour(Options options) {
        this.options = options;
        this.quotas = new CatalogQuotas(options.limits());
    }

    public static Options.Builder builder() {
        return new Options.Builder();
    }

    /**
     * Configuration. {@code lockTimeout} bounds how long a writer waits for a row another
     * transaction holds before it fails with OC000; {@code staleCatalogFails} turns OC001 on a stale
     * catalog cache on (DSQL) or off (kinder for interactive use); {@code jobCompletionBumpsCatalog}
     * makes a finished async job count as a catalog change (DSQL says it "might" cause conflicts, §4);
     * {@code jobTiming} slows jobs down for tests; {@code conflicts} injects OC000 at COMMIT.
     */
    public record Options(BehaviourLimits limits, Duration lockTimeout, boolean staleCatalogFails,
                          boolean jobCompletionBumpsCatalog, JobTiming jobTiming, int jobThreads,
                          Duration jobRetention, Duration waitForJobTimeout, ConflictInjector conflicts) {

        public static Options defaults() {
            return new Builder().options();
        }

        public static final class Builder {
            private BehaviourLimits limits = BehaviourLimits.DSQL;
            private Duration lockTimeout = Duration.ofMillis(100);
            private boolean staleCatalogFails =
                    Boolean.parseBoolean(System.getProperty(STALE_CATALOG_PROPERTY, "true"));
            private boolean jobCompletionBumpsCatalog = false;
            private JobTiming jobTiming = JobTiming.IMMEDIATE;
            private int jobThreads = 4;
            private Duration jobRetention = Duration.ofMinutes(30);
            private Duration waitForJobTimeout = Duration.ofMinutes(5);
            private ConflictInjector conflicts = new ConflictInjector();

            public Builder limits(BehaviourLimits l) {
                this.limits = l;
                return this;
            }

            public Builder lockTimeout(Duration d) {
                if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("lock timeout must be positive");
                this.lockTimeout = d;
                return this;
            }

            public Builder staleCatalogFails(boolean b) {
                this.staleCatalogFails = b;
                return this;
            }

            public Builder jobCompletionBumpsCatalog(boolean b) {
                this.jobCompletionBumpsCatalog = b;
                return this;
            }

            public Builder jobTiming(JobTiming t) {
                this.jobTiming = t;
                return this;
            }

            public Builder jobThreads(int n) {
                if (n < 1) throw new IllegalArgumentException("jobThreads must be >= 1");
                this.jobThreads = n;
                return this;
            }

            public Builder jobRetention(Duration d) {
                this.jobRetention = d;
                return this;
            }

            public Builder waitForJobTimeout(Duration d) {
                this.waitForJobTimeout = d;
                return this;
            }

            public Builder conflicts(ConflictInjector c) {
                this.conflicts = c;
                return this;
            }

            public Options options() {
                return new Options(limits, lockTimeout, staleCatalogFails, jobCompletionBumpsCatalog, jobTiming,
                        jobThreads, jobRetention, waitForJobTimeout, conflicts);
            }

            public StandardDsqlBehaviour build() {
                return new StandardDsqlBehaviour(options());
            }
        }
    }

    public Options options() {
        return options;
    }

    /** The conflict-injection test hook (dsql-facts §3: make retry logic testable). */
    public ConflictInjector conflicts() {
        return options.conflicts();
    }

    public CatalogVersions catalogVersions() {
        return versions;
    }

    @Override
    public synchronized void install(BackendConnector backend) throws SQLException {
        SysCatalog.install(backend, options.waitForJobTimeout());
        if (jobs != null) jobs.close();
        this.backend = backend;
        this.jobs = new AsyncJobs(backend, options.jobTiming(), options.jobRetention(), options.jobThreads(), job -> {
            if (options.jobCompletionBumpsCatalog()) versions.bump(null);
        });
    }

    @Override
    public Map<String, String> backendSessionSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        // §1.3: REPEATABLE READ is the only isolation level; §3: writers never wait long on each other.
        m.put("default_transaction_isolation", "repeatable read");
        m.put("lock_timeout", options.lockTimeout().toMillis() + "ms");
        return m;
    }

    /** {@link #intercept} acts on SET, RESET, CREATE, ALTER, AWS and DROP only. */
    @Override
    public boolean interceptsPlainReads() {
        return false;
    }

    @Override
    public Interception intercept(SessionView session, Statement statement) {
        String first = SqlWords.firstKeyword(statement);
        if (first.equals("SET") || first.equals("RESET")) return dsqlOnlySetting(SqlWords.of(statement), false);
        if (!first.equals("CREATE") && !first.equals("ALTER") && !first.equals("AWS") && !first.equals("DROP")) {
            return Interception.PASS;
        }
        BackendConnector b = backend;
        if (b == null) return Interception.PASS;
        String sql = statement.text();
        SqlWords w = SqlWords.of(statement);
        if (first.equals("ALTER")) {
            Interception setting = dsqlOnlySetting(w, true);
            if (setting != Interception.PASS) return setting;
        }
        try {
            Optional<IamRoleMappings.Change> iam = IamRoleMappings.parse(w);
            if (iam.isPresent()) return interceptIam(session, b, iam.get());
            Optional<AsyncDdl> async = AsyncDdl.parse(w);
            if (async.isPresent()) return interceptAsync(session, b, async.get());
            Optional<String> toggled = TriggerToggles.withoutSystemTriggers(w, sql);
            if (toggled.isPresent()) return new Interception.Rewrite(toggled.get());
            if (w.keywordsAt(0, "DROP", "INDEX")) {
                if (jobs.buildsInFlight()) cancelBuilds(b, w);
                return Interception.PASS;
            }
            if (IamRoleMappings.isDropRole(w)) {
                try (Connection c = b.connect()) {
                    return failOrPass(IamRoleMappings.checkDropRole(c, w));
                }
            }
            if (CatalogQuotas.concerns(w)) {
                try (Connection c = b.connect()) {
                    return failOrPass(quotas.check(c, w));
                }
            }
            return Interception.PASS;
        } catch (SQLException e) {
            return new Interception.Fail(DsqlErrors.SERVER_UNAVAILABLE.withDetail(e.getMessage()));
        }
    }

    private Interception interceptAsync(SessionView session, BackendConnector b, AsyncDdl ddl) throws SQLException {
        AsyncJobs j = jobs;
        try (Connection c = b.connect()) {
            PreparedJob job = j.prepare(c, ddl);
            if (ddl instanceof AsyncDdl.IndexBuild && !job.alreadyExists()) {
                Optional<DsqlError> quota = quotas.checkNewIndexes(c, job.table().oid(), 1);
                if (quota.isPresent()) return new Interception.Fail(quota.get());
            }
            pending(session).add(() -> j.submit(job));
            return new Interception.LocalResult(List.of("job_id"), List.of(List.of(job.id())), ddl.commandTag(), true);
        } catch (AsyncJobs.Rejected r) {
            return new Interception.Fail(r.error());
        }
    }

    private Interception interceptIam(SessionView session, BackendConnector b, IamRoleMappings.Change change)
            throws SQLException {
        try (Connection c = b.connect()) {
            Optional<DsqlError> refusal = IamRoleMappings.check(c, change, session.role());
            if (refusal.isPresent()) return new Interception.Fail(refusal.get());
        }
        String grantor = session.role();
        pending(session).add(() -> {
            try (Connection c = b.connect()) {
                IamRoleMappings.apply(c, change, grantor);
            } catch (SQLException e) {
                System.err.println("dsqlkit: cannot apply " + change.commandTag() + " for role " + change.role()
                        + ": " + e.getMessage());
            }
        });
        return new Interception.LocalResult(List.of(), List.of(), change.commandTag(), true);
    }

    private static Interception dsqlOnlySetting(SqlWords w, boolean isDdl) {
        return DsqlOnlySettings.commandTag(w)
                .<Interception>map(tag -> new Interception.LocalResult(List.of(), List.of(), tag, isDdl))
                .orElse(Interception.PASS);
    }

    /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] a, b ...}: cancel their in-progress async builds first (§4). */
    private void cancelBuilds(BackendConnector b, SqlWords w) throws SQLException {
        int i = 2;
        if (w.keywordsAt(i, "CONCURRENTLY")) i++;
        if (w.keywordsAt(i, "IF", "EXISTS")) i += 2;
        try (Connection c = b.connect()) {
            while (i < w.size()) {
                TableName.Parsed name = TableName.parse(w, i);
                if (name == null) break;
                jobs.cancelBuild(c, name.name());
                i = name.next();
                if (i < w.size() && w.get(i).isPunct(',')) i++;
                else break;
            }
        }
    }

    private static Interception failOrPass(Optional<DsqlError> e) {
        return e.<Interception>map(Interception.Fail::new).orElse(Interception.PASS);
    }

    @SuppressWarnings("unchecked")
    private static List<Runnable> pending(SessionView session) {
        return (List<Runnable>) session.attributes().computeIfAbsent(PENDING, k -> new ArrayList<Runnable>());
    }

    @Override
    public Optional<DsqlError> onTransactionStart(SessionView session) {
        boolean stale = versions.checkStale(session);
        return stale && options.staleCatalogFails() ? Optional.of(DsqlErrors.OC001) : Optional.empty();
    }

    @Override
    public Optional<DsqlError> beforeCommit(SessionView session) {
        return options.conflicts().shouldFail(session) ? Optional.of(DsqlErrors.OC000) : Optional.empty();
    }

    @Override
    public void afterCommit(SessionView session) {
        Object p = session.attributes().remove(PENDING);
        if (p instanceof List<?> work) {
            for (Object r : work) ((Runnable) r).run();
        }
        if (session.transactionHasDdl()) versions.bump(session);
    }

    @Override
    public void afterRollback(SessionView session) {
        session.attributes().remove(PENDING);
    }

    @Override
    public Optional<DsqlError> translateBackendError(SessionView session, String sqlstate, String message) {
        if ("42809".equals(sqlstate) && message != null && message.contains("wait_for_job(")
                && message.contains(") is a procedure")) {
            // PostgreSQL names the argument types of the call, e.g. "(unknown)" for a literal; DSQL names the signature.
            return Optional.of(new DsqlError("42809", "sys.wait_for_job(text) is a procedure"));
        }
        if ("2D000".equals(sqlstate) && "invalid transaction termination".equals(message)) {
            // Only sys.wait_for_job ends transactions (clients cannot create PL/pgSQL procedures, §1.1).
            return Optional.of(SysCatalog.WAIT_IN_TRANSACTION_BLOCK);
        }
        return OccErrors.translate(sqlstate, message);
    }

    @Override
    public void sessionClosed(SessionView session) {
        session.attributes().remove(PENDING);
    }

    @Override
    public void close() {
        AsyncJobs j = jobs;
        if (j != null) j.close();
    }
}

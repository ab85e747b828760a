package io.dsqlkit.mcp.server;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.rules.Profile;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server treats agents' SQL.
 *
 * @param writesAllowed   execute/transact/explain-analyze of writes allowed (local default; AWS needs --allow-writes)
 * @param rowLimit        maximum rows returned by a query ({@code truncated: true} beyond)
 * @param statementTimeout client-side timeout per statement (DSQL may ignore statement_timeout, dsql-facts §1.3)
 * @param tenantColumn    the column that scopes rows to a tenant
 * @param tenant          the tenant bound for the whole server, or null (then per call, if given)
 * @param profile         the DSQL surface the linter checks against
 * @param occRetry        the one retry policy of a call (attempts are counted per call, not per layer)
 * @param limits          byte caps of results (per value and per response)
 */
public record ServerSettings(boolean writesAllowed, int rowLimit, Duration statementTimeout, String tenantColumn,
                             String tenant, Profile profile, OccRetry occRetry, ResultLimits limits) {
    public static final int DEFAULT_ROW_LIMIT = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ServerSettings {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(occRetry, "occRetry");
        if (limits == null) limits = ResultLimits.defaults();
        if (rowLimit < 1) throw new IllegalArgumentException("row limit must be >= 1, was " + rowLimit);
        if (tenantColumn == null || tenantColumn.isBlank()) tenantColumn = "tenant_id";
    }

    public ServerSettings(boolean writesAllowed, int rowLimit, Duration statementTimeout, String tenantColumn,
                          String tenant, Profile profile, OccRetry occRetry) {
        this(writesAllowed, rowLimit, statementTimeout, tenantColumn, tenant, profile, occRetry, ResultLimits.defaults());
    }

    public static ServerSettings defaults(boolean writesAllowed) {
        return new ServerSettings(writesAllowed, DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT, "tenant_id", null,
                Profile.CURRENT, OccRetry.defaults());
    }

    public ServerSettings withTenant(String t) {
        return new ServerSettings(writesAllowed, rowLimit, statementTimeout, tenantColumn, t, profile, occRetry, limits);
    }

    public ServerSettings withRowLimit(int n) {
        return new ServerSettings(writesAllowed, n, statementTimeout, tenantColumn, tenant, profile, occRetry, limits);
    }

    public ServerSettings withStatementTimeout(Duration d) {
        return new ServerSettings(writesAllowed, rowLimit, d, tenantColumn, tenant, profile, occRetry, limits);
    }

    public ServerSettings withLimits(ResultLimits l) {
        return new ServerSettings(writesAllowed, rowLimit, statementTimeout, tenantColumn, tenant, profile, occRetry, l);
    }
}

package io.dsqlkit.migrate.schema;

import io.dsqlkit.rules.Profile;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Settings of a migration run.
 *
 * @param staleAfter a lock whose heartbeat is older than this belongs to a dead run and is taken over
 * @param lockWait   how long {@code apply} keeps trying when another run holds the lock (0: fail at once)
 * @param confirmed  destructive statements (DROP, DELETE without WHERE, ...) may run
 */
public record MigrateConfig(Path location, String historyTable, Profile profile, boolean outOfOrder, String owner,
                            Duration staleAfter, Duration lockWait, boolean confirmed, Consumer<String> log) {

    public static MigrateConfig defaults(Path location) {
        return new MigrateConfig(location, SchemaHistory.DEFAULT_TABLE, Profile.CURRENT, false, defaultOwner(),
                Duration.ofSeconds(60), Duration.ZERO, false, s -> {});
    }

    public MigrateConfig withHistoryTable(String t) {
        return new MigrateConfig(location, t, profile, outOfOrder, owner, staleAfter, lockWait, confirmed, log);
    }

    public MigrateConfig withOutOfOrder(boolean b) {
        return new MigrateConfig(location, historyTable, profile, b, owner, staleAfter, lockWait, confirmed, log);
    }

    public MigrateConfig withProfile(Profile p) {
        return new MigrateConfig(location, historyTable, p, outOfOrder, owner, staleAfter, lockWait, confirmed, log);
    }

    public MigrateConfig withOwner(String o) {
        return new MigrateConfig(location, historyTable, profile, outOfOrder, o, staleAfter, lockWait, confirmed, log);
    }

    public MigrateConfig withLock(Duration stale, Duration wait) {
        return new MigrateConfig(location, historyTable, profile, outOfOrder, owner, stale, wait, confirmed, log);
    }

    public MigrateConfig withConfirmed(boolean b) {
        return new MigrateConfig(location, historyTable, profile, outOfOrder, owner, staleAfter, lockWait, b, log);
    }

    public MigrateConfig withLog(Consumer<String> l) {
        return new MigrateConfig(location, historyTable, profile, outOfOrder, owner, staleAfter, lockWait, confirmed, l);
    }

    static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return ManagementFactory.getRuntimeMXBean().getPid() + "@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}

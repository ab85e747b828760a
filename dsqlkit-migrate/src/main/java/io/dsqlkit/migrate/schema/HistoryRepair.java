package io.dsqlkit.migrate.schema;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code migrate repair}: realign checksums of edited applied files, forget versions, release the lock. */
final class HistoryRepair {
    private HistoryRepair() {}

    /**
     * Accepts edited applied files (realigns their checksums), optionally forgets a version's rows
     * (for a half-applied migration you will rewrite) and releases the lock.
     */
    static List<String> repair(DataSource dataSource, SchemaHistory history, Path location, List<String> forget,
                               boolean releaseLock) throws SQLException, IOException {
        List<String> done = new ArrayList<>();
        List<MigrationFile> files = MigrationScanner.scan(location);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Map<String, List<HistoryRow>> rows = history.rows(c);
            for (MigrationFile f : files) {
                List<HistoryRow> r = rows.get(f.historyKey());
                if (r == null || f.repeatable()) continue;
                if (!r.get(r.size() - 1).checksum().equals(f.checksum())) {
                    history.realignChecksum(c, f.historyKey(), f.checksum(), f.fileName());
                    done.add("realigned checksum of " + f.label() + " to " + f.checksum());
                }
            }
            for (String v : forget) {
                int n = history.forget(c, v);
                done.add("forgot " + n + " history rows of version " + v);
            }
        }
        if (releaseLock) {
            int n = MigrationLock.release(dataSource, history.table());
            done.add(n > 0 ? "released the migration lock" : "the migration lock was free");
        }
        return done;
    }
}

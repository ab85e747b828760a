package io.dsqlkit.local.catalog;

import io.dsqlkit.rules.DsqlError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * DSQL's per-database and per-table quotas (dsql-facts §2), checked against the backend's catalog
 * before a DDL statement reaches PostgreSQL. The messages carry the configured limit, so with
 * {@link BehaviourLimits#DSQL} they are DSQL's texts exactly. Counts cover user schemas only
 * ({@code sys}, {@code pg_*} and {@code information_schema} are DSQL's, not the user's); whether
 * DSQL counts {@code public} among the 10 schemas is UNVERIFIED: we count it.
 */
public final class CatalogQuotas {
    static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'sys') "
            + "AND n.nspname NOT LIKE 'pg\\_%'";

    private final BehaviourLimits limits;

    public CatalogQuotas(BehaviourLimits limits) {
        this.limits = limits;
    }

    public BehaviourLimits limits() {
        return limits;
    }

    /** Whether {@code w} is a statement these quotas look at (so callers open a connection only then). */
    public static boolean concerns(SqlWords w) {
        if (w.keywordsAt(0, "CREATE")) {
            int i = w.keywordsAt(1, "OR", "REPLACE") ? 3 : 1;
            if (w.keywordsAt(i, "RECURSIVE")) i++;
            return w.keywordsAt(i, "TABLE") || w.keywordsAt(i, "SCHEMA") || w.keywordsAt(i, "VIEW")
                    || w.keywordsAt(i, "SEQUENCE");
        }
        return w.keywordsAt(0, "ALTER", "TABLE") && w.findTopLevel(3, "ADD") >= 0;
    }

    /** The quota error for {@code w}, if running it would exceed one. */
    public Optional<DsqlError> check(Connection c, SqlWords w) throws SQLException {
        if (w.keywordsAt(0, "CREATE")) {
            int i = 1;
            boolean orReplace = false;
            if (w.keywordsAt(1, "OR", "REPLACE")) {
                orReplace = true;
                i = 3;
            }
            if (w.keywordsAt(i, "RECURSIVE")) i++;
            if (w.keywordsAt(i, "TABLE")) return createRelation(c, w, i + 1, false, "'r', 'p'", limits.tables(), tables());
            if (w.keywordsAt(i, "VIEW")) return createRelation(c, w, i + 1, orReplace, "'v', 'm'", limits.views(), views());
            if (w.keywordsAt(i, "SEQUENCE")) return createRelation(c, w, i + 1, false, "'S'", limits.sequences(), sequences());
            if (w.keywordsAt(i, "SCHEMA")) return createSchema(c, w, i + 1);
            return Optional.empty();
        }
        if (w.keywordsAt(0, "ALTER", "TABLE")) return alterTableAdd(c, w);
        return Optional.empty();
    }

    /** Whether one more index on {@code tableOid} would exceed the per-table limit (every index counts, §2). */
    public Optional<DsqlError> checkNewIndexes(Connection c, long tableOid, int added) throws SQLException {
        if (added == 0) return Optional.empty();
        long existing = count(c, "SELECT count(*) FROM pg_index WHERE indrelid = ?", tableOid);
        return existing + added > limits.indexesPerTable() ? Optional.of(indexes()) : Optional.empty();
    }

    private Optional<DsqlError> createRelation(Connection c, SqlWords w, int i, boolean orReplace, String relkinds,
                                               int limit, DsqlError error) throws SQLException {
        boolean ifNotExists = w.keywordsAt(i, "IF", "NOT", "EXISTS");
        if (ifNotExists) i += 3;
        TableName.Parsed name = TableName.parse(w, i);
        if ((ifNotExists || orReplace) && name != null && exists(c, name.name())) return Optional.empty();
        long n = count(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN (" + relkinds + ") AND " + USER_SCHEMAS, null);
        return n >= limit ? Optional.of(error) : Optional.empty();
    }

    private Optional<DsqlError> createSchema(Connection c, SqlWords w, int i) throws SQLException {
        if (w.keywordsAt(i, "IF", "NOT", "EXISTS")) {
            SqlWords.Word name = w.get(i + 3);
            if (name != null && name.isName() && !name.is("AUTHORIZATION")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                    ps.setString(1, name.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) return Optional.empty();
                    }
                }
            }
        }
        long n = count(c, "SELECT count(*) FROM pg_namespace n WHERE " + USER_SCHEMAS, null);
        return n >= limits.schemas() ? Optional.of(schemas()) : Optional.empty();
    }

    /** ALTER TABLE ... ADD [COLUMN] c, ADD CONSTRAINT u UNIQUE (...): columns and new indexes. */
    private Optional<DsqlError> alterTableAdd(Connection c, SqlWords w) throws SQLException {
        int i = 2;
        if (w.keywordsAt(i, "IF", "EXISTS")) i += 2;
        if (w.keywordsAt(i, "ONLY")) i++;
        TableName.Parsed table = TableName.parse(w, i);
        if (table == null) return Optional.empty();
        Long oid = regclass(c, table.name());
        if (oid == null) return Optional.empty(); // PostgreSQL reports the missing table
        int columns = 0;
        int indexes = 0;
        int depth = 0;
        boolean actionStart = true;
        for (int k = table.next(); k < w.size(); k++) {
            SqlWords.Word word = w.get(k);
            if (word.isPunct('(')) depth++;
            else if (word.isPunct(')')) depth--;
            if (depth != 0) continue;
            if (word.isPunct(',')) {
                actionStart = true;
                continue;
            }
            if (actionStart && word.is("ADD")) {
                SqlWords.Word next = w.get(k + 1);
                if (next == null) break;
                if (next.is("CONSTRAINT")) next = w.get(k + 3);
                if (next != null && (next.is("UNIQUE") || next.is("PRIMARY"))) {
                    if (!usingIndex(w, k)) indexes++;
                } else if (next != null && !next.is("CHECK") && !next.is("FOREIGN") && !next.is("EXCLUDE")) {
                    columns++;
                }
            }
            actionStart = false;
        }
        if (columns > 0) {
            long existing = count(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = ? AND attnum > 0 "
                    + "AND NOT attisdropped", oid);
            if (existing + columns > limits.columnsPerTable()) return Optional.of(columns());
        }
        return checkNewIndexes(c, oid, indexes);
    }

    /** Whether the action starting at {@code add} is {@code ... USING INDEX} (adopts an index, adds none). */
    private static boolean usingIndex(SqlWords w, int add) {
        int depth = 0;
        for (int k = add + 1; k < w.size(); k++) {
            SqlWords.Word word = w.get(k);
            if (word.isPunct('(')) depth++;
            else if (word.isPunct(')')) depth--;
            else if (depth == 0 && word.isPunct(',')) return false;
            else if (depth == 0 && w.keywordsAt(k, "USING", "INDEX")) return true;
        }
        return false;
    }

    private static boolean exists(Connection c, TableName name) throws SQLException {
        return regclass(c, name) != null;
    }

    private static Long regclass(Connection c, TableName name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, name.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static long count(Connection c, String sql, Long param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    DsqlError tables() {
        return new DsqlError("54000", "creating more than " + limits.tables() + " tables not allowed");
    }

    DsqlError schemas() {
        return new DsqlError("54000", "more than " + limits.schemas() + " schemas not allowed");
    }

    DsqlError views() {
        return new DsqlError("54000", "creating more than " + limits.views() + " views not allowed");
    }

    DsqlError sequences() {
        return new DsqlError("54000", "creating more than " + limits.sequences() + " sequences is not allowed");
    }

    DsqlError indexes() {
        return new DsqlError("54000", "more than " + limits.indexesPerTable() + " indexes per table are not allowed");
    }

    DsqlError columns() {
        return new DsqlError("54011", "tables can have at most " + limits.columnsPerTable() + " columns");
    }
}

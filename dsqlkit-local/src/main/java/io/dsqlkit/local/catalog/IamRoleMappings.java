package io.dsqlkit.local.catalog;

import io.dsqlkit.rules.DsqlError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code AWS IAM GRANT role TO 'arn'} and {@code AWS IAM REVOKE role FROM 'arn'} (dsql-facts §5),
 * stored in {@code sys.iam_pg_role_mapping_store} and shown by {@code sys.iam_pg_role_mappings}.
 * The statements are checked when they run and applied when their transaction commits (they are
 * DDL on DSQL). Error texts are DSQL's (§5 [DOC-TS]); their SQLSTATEs are not documented and are
 * our choice (UNVERIFIED).
 */
public final class IamRoleMappings {
    /** A parsed statement. */
    public record Change(boolean grant, String role, String arn) {
        public String commandTag() {
            return grant ? "AWS IAM GRANT" : "AWS IAM REVOKE";
        }
    }

    static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+");

    private IamRoleMappings() {}

    /** Recognises the two statements; empty for anything else. */
    public static Optional<Change> parse(SqlWords w) {
        if (!w.keywordsAt(0, "AWS", "IAM") || w.size() != 6) return Optional.empty();
        boolean grant = w.get(2).is("GRANT");
        if (!grant && !w.get(2).is("REVOKE")) return Optional.empty();
        SqlWords.Word role = w.get(3);
        SqlWords.Word arn = w.get(5);
        if (!role.isName() || !w.get(4).is(grant ? "TO" : "FROM") || arn.kind() != SqlWords.Kind.STRING) {
            return Optional.empty();
        }
        return Optional.of(new Change(grant, role.value(), arn.value()));
    }

    /** DSQL's refusals for {@code change} issued by {@code sessionRole}; empty if it may proceed. */
    public static Optional<DsqlError> check(Connection c, Change change, String sessionRole) throws SQLException {
        if (!"admin".equals(sessionRole) && !isSuperuser(c, sessionRole)) {
            return Optional.of(new DsqlError("42501", "permission denied to grant IAM trust with role " + change.role()));
        }
        if (!ARN.matcher(change.arn()).matches()) {
            return Optional.of(new DsqlError("22023", "IAM role must look like an IAM ARN"));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, change.role());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.of(new DsqlError("42704", "Role " + change.role() + " does not exist"));
                if (change.grant() && !rs.getBoolean(1)) {
                    return Optional.of(new DsqlError("42501", "role " + change.role() + " must have the LOGIN attribute"));
                }
            }
        }
        if (!change.grant() && !mapped(c, change)) {
            return Optional.of(new DsqlError("42704", "IAM role " + change.arn() + " does not exist"));
        }
        return Optional.empty();
    }

    /** Applies a checked change (idempotent: granting twice keeps one mapping). */
    public static void apply(Connection c, Change change, String grantor) throws SQLException {
        if (change.grant()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sys.iam_pg_role_mapping_store (arn, pg_role_oid, grantor_pg_role_oid) "
                            + "SELECT ?, r.oid, coalesce((SELECT oid FROM pg_roles WHERE rolname = ?), r.oid) "
                            + "FROM pg_roles r WHERE r.rolname = ? ON CONFLICT (arn, pg_role_oid) DO NOTHING")) {
                ps.setString(1, change.arn());
                ps.setString(2, grantor);
                ps.setString(3, change.role());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sys.iam_pg_role_mapping_store "
                    + "WHERE arn = ? AND pg_role_oid = (SELECT oid FROM pg_roles WHERE rolname = ?)")) {
                ps.setString(1, change.arn());
                ps.setString(2, change.role());
                ps.executeUpdate();
            }
        }
    }

    /** {@code DROP ROLE r}: DSQL refuses while an IAM mapping still names the role (§5). */
    public static Optional<DsqlError> checkDropRole(Connection c, SqlWords w) throws SQLException {
        if (!w.keywordsAt(0, "DROP", "ROLE") && !w.keywordsAt(0, "DROP", "USER")) return Optional.empty();
        int i = w.keywordsAt(2, "IF", "EXISTS") ? 4 : 2;
        for (; i < w.size(); i++) {
            SqlWords.Word role = w.get(i);
            if (!role.isName()) continue;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sys.iam_pg_role_mapping_store m "
                    + "JOIN pg_roles r ON r.oid = m.pg_role_oid WHERE r.rolname = ?")) {
                ps.setString(1, role.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new DsqlError("2BP01",
                                "role " + role.value() + " cannot be dropped because some objects depend on it"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isDropRole(SqlWords w) {
        return w.keywordsAt(0, "DROP", "ROLE") || w.keywordsAt(0, "DROP", "USER");
    }

    private static boolean mapped(Connection c, Change change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sys.iam_pg_role_mapping_store m "
                + "JOIN pg_roles r ON r.oid = m.pg_role_oid WHERE r.rolname = ? AND m.arn = ?")) {
            ps.setString(1, change.role());
            ps.setString(2, change.arn());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isSuperuser(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

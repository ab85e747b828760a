package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, the emulator side of {@code ALTER ROLE ... SET/RESET} (TypeORM runs
 * {@code ALTER USER "admin" SET search_path = "public"}): with {@code admin} no longer a superuser,
 * the statements the linter lets through still run on the backend as admin, for admin itself and
 * for roles admin created, and the setting reaches the role's next gateway sessions.
 */
class AdminRoleSettingsTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    /** A backend session acting as admin exactly as the gateway's sessions do (same role, same privileges). */
    static Connection asAdmin() throws SQLException {
        Connection c = local.postgres().connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION AUTHORIZATION admin");
        }
        return c;
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void adminSetsAndResetsSessionDefaults() throws SQLException {
        try (Connection c = asAdmin(); Statement s = c.createStatement()) {
            assertThat(one(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            s.execute("ALTER USER \"admin\" SET search_path = \"public\", sys");
            s.execute("ALTER ROLE admin SET enable_seqscan = off");
        }
        try (Connection g = local.connect()) {
            assertThat(one(g, "SHOW search_path")).isEqualTo("public, sys");
            assertThat(one(g, "SHOW enable_seqscan")).isEqualTo("off");
        }
        try (Connection c = asAdmin(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE admin RESET enable_seqscan");
            s.execute("ALTER ROLE admin RESET ALL");
        }
        try (Connection g = local.connect()) {
            assertThat(one(g, "SHOW search_path")).isEqualTo("\"$user\", public");
        }
    }

    @Test
    void adminSetsDefaultsOfRolesItCreated() throws SQLException {
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("CREATE ROLE rs_app WITH LOGIN");
        }
        try (Connection c = asAdmin(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE rs_app SET search_path = public");
            s.execute("ALTER ROLE rs_app RESET search_path");
            s.execute("ALTER ROLE rs_app SET search_path = public");
            s.execute("ALTER ROLE rs_app RESET ALL");
        }
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("DROP ROLE rs_app");
        }
    }

    /** dsql-facts §1.3: DSQL allows SET disable_sync_create_index; PostgreSQL does not know it (42704 before). */
    @Test
    void dsqlOnlyParameterIsAccepted() throws SQLException {
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("SET disable_sync_create_index = on");
            s.execute("RESET disable_sync_create_index");
            assertThat(one(g, "SELECT 1")).isEqualTo("1");
        }
    }
}

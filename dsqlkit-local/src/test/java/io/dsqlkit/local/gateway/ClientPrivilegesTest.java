package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client sessions run as DSQL's {@code admin}, which is not a PostgreSQL superuser (issue 9): it
 * manages objects and roles in its database but cannot read server files, signal other sessions or
 * see the server's configuration; the gateway keeps the superuser for its own work.
 */
class ClientPrivilegesTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT pg_read_file('PG_VERSION')                | 42501",
            "SELECT pg_ls_dir('.')                            | 42501",
            "SELECT count(*) FROM pg_file_settings            | 42501",
            "SELECT count(*) FROM pg_hba_file_rules           | 42501",
            "SELECT current_setting('data_directory')         | 42501",
            "SELECT lo_import('/etc/hostname')                | 42501",
            "SELECT pg_reload_conf()                          | 42501",
            "SELECT pg_stat_reset()                           | 42501",
    })
    void superuserOnlyFunctionsAreRefused(String sql, String sqlstate) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlstate));
        }
    }

    @Test
    void adminIsNotASuperuser() throws SQLException {
        try (Connection c = local.connect()) {
            assertThat(one(c, "SELECT current_user")).isEqualTo("admin");
            assertThat(one(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
        }
    }

    @Test
    void adminCannotSignalOtherSessions() throws SQLException {
        try (Connection victim = local.connect(); Connection attacker = local.connect()) {
            String pid = one(victim, "SELECT pg_backend_pid()");
            for (String f : new String[] {"pg_terminate_backend", "pg_cancel_backend"}) {
                try (Statement s = attacker.createStatement()) {
                    assertThatThrownBy(() -> s.execute("SELECT " + f + "(" + pid + ")"))
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                }
            }
            assertThat(one(victim, "SELECT 1")).isEqualTo("1");
        }
    }

    /**
     * DSQL has no advisory locks (dsql-facts §1.1). The lint refuses a call it sees; one it cannot see (a SQL
     * function's body, SQL text run by a function) is refused by the engine, with DSQL's answer, and takes no lock.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT adv_lock_in_body()                                                       | pg_advisory_lock",
            "SELECT count(*) FROM ts_stat('SELECT to_tsvector(pg_advisory_lock(4711)::text)') | pg_advisory_lock",
            "SELECT query_to_xml('SELECT pg_try_advisory_lock_shared(1, 2)', true, false, '')   | pg_try_advisory_lock_shared",
            "SELECT count(*) FROM ts_stat('SELECT pg_advisory_unlock_all()::text::tsvector')    | pg_advisory_unlock_all",
    })
    void advisoryLockFunctionsAreRefusedWhereverTheyAreCalledFrom(String sql, String function) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION adv_lock_in_body() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_lock(4711) $$");
            assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("0A000");
                assertThat(e.getMessage()).startsWith("ERROR: function " + function + " not supported");
            });
        }
        try (Connection su = local.postgres().connect()) {
            assertThat(one(su, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
            assertThat(one(su, "SELECT pg_try_advisory_xact_lock(4712)")).as("the superuser's own work keeps them").isEqualTo("t");
        }
    }

    /** What DSQL's admin does in AWS's samples: schemas, tables, roles with IAM mappings, grants, async indexes. */
    @Test
    void adminKeepsWhatDsqlsAdminMayDo() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA priv_app");
            s.execute("CREATE TABLE priv_app.orders (id bigint PRIMARY KEY, note text)");
            s.execute("INSERT INTO priv_app.orders VALUES (1, 'a')");
            s.execute("CREATE ROLE priv_reader WITH LOGIN");
            s.execute("AWS IAM GRANT priv_reader TO 'arn:aws:iam::012345678912:role/priv_reader'");
            s.execute("GRANT USAGE ON SCHEMA priv_app TO priv_reader");
            s.execute("GRANT SELECT ON priv_app.orders TO priv_reader");
            String job = one(c, "CREATE INDEX ASYNC priv_orders_note ON priv_app.orders (note)");
            assertThat(one(c, "CALL sys.wait_for_job('" + job + "')")).isEqualTo("t");
            assertThat(one(c, "SELECT count(*) FROM sys.iam_pg_role_mappings WHERE pg_role_name = 'priv_reader'")).isEqualTo("1");
            s.execute("CREATE TABLE priv_app.owned (id bigint PRIMARY KEY)");
            s.execute("GRANT CREATE ON SCHEMA priv_app TO priv_reader"); // a new owner needs CREATE on the schema
            s.execute("ALTER TABLE priv_app.owned OWNER TO priv_reader");
            s.execute("COMMENT ON TABLE priv_app.orders IS 'orders'");
        }
        try (Connection r = DriverManager.getConnection(local.jdbcUrl(), "priv_reader", "")) {
            assertThat(one(r, "SELECT note FROM priv_app.orders")).isEqualTo("a");
            try (Statement s = r.createStatement()) {
                assertThatThrownBy(() -> s.execute("DELETE FROM priv_app.orders"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
        }
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("AWS IAM REVOKE priv_reader FROM 'arn:aws:iam::012345678912:role/priv_reader'");
            s.execute("REVOKE SELECT ON priv_app.orders FROM priv_reader");
            s.execute("DROP TABLE priv_app.owned");
            s.execute("REVOKE USAGE, CREATE ON SCHEMA priv_app FROM priv_reader");
            s.execute("DROP ROLE priv_reader");
            s.execute("DROP TABLE priv_app.orders");
            s.execute("DROP SCHEMA priv_app");
        }
    }

    /** The backend is private to the gateway: no password-less TCP login, not even as the superuser. */
    @Test
    void backendRefusesPasswordlessTcpLogins() {
        for (String role : new String[] {"postgres", "admin"}) {
            for (String password : new String[] {"", "postgres", "admin"}) {
                // pgjdbc itself refuses to answer a SCRAM request with an empty password: a refusal too.
                assertThatThrownBy(() -> DriverManager.getConnection(local.postgres().jdbcUrl(), role, password).close())
                        .as(role + "/" + password).isInstanceOf(SQLException.class);
            }
        }
    }

    // ALTER ROLE ... SET/RESET, the emulator side (TypeORM runs ALTER USER "admin" SET search_path = "public"):
    // what the linter lets through runs on the backend as the non-superuser admin.

    @Test
    void adminSetsAndResetsSessionDefaults() throws SQLException {
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("ALTER USER \"admin\" SET search_path = \"public\"");
        }
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("ALTER ROLE admin SET enable_seqscan = off");
        }
        try (Connection g = local.connect()) {
            assertThat(one(g, "SHOW search_path")).isEqualTo("public");
            assertThat(one(g, "SHOW enable_seqscan")).isEqualTo("off");
            try (Statement s = g.createStatement()) {
                s.execute("ALTER ROLE admin RESET enable_seqscan");
            }
        }
        try (Connection g = local.connect(); Statement s = g.createStatement()) {
            s.execute("ALTER ROLE admin RESET ALL");
        }
        try (Connection g = local.connect()) {
            assertThat(one(g, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(g, "SHOW enable_seqscan")).isEqualTo("on");
        }
    }

    @Test
    void adminSetsDefaultsOfRolesItCreated() throws SQLException {
        for (String sql : new String[] {"CREATE ROLE rs_app WITH LOGIN", "ALTER ROLE rs_app SET search_path = public",
                "ALTER ROLE rs_app RESET search_path", "ALTER USER rs_app SET search_path = public", "ALTER ROLE rs_app RESET ALL",
                "DROP ROLE rs_app"}) {
            try (Connection g = local.connect(); Statement s = g.createStatement()) {
                s.execute(sql);
            }
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

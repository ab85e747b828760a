package io.dsqlkit.local.gateway;

import io.dsqlkit.client.CatalogService;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The emulator's own machinery (its helper schema, the transaction-limit triggers, PL/pgSQL
 * contexts, PostgreSQL's source-file fields) stays out of what clients and agents read (issue 9).
 */
class InternalsHiddenTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() throws SQLException {
        local = DsqlLocal.builder().limits(Limits.DSQL.withMaxTransactionRows(10)).start();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE hid_t (id int PRIMARY KEY, v text)");
        }
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void schemaListingsShowNoEmulatorSchema() throws SQLException {
        try (Connection c = local.connect()) {
            assertThat(column(c, "SELECT schema_name FROM information_schema.schemata")).noneMatch(n -> n.contains("dsqlkit"));
            assertThat(new CatalogService(c).schemas()).containsExactly("public");
        }
    }

    @Test
    void tablesShowNoEmulatorTriggersOrConstraints() throws SQLException {
        try (Connection c = local.connect()) {
            assertThat(column(c, "SELECT trigger_name FROM information_schema.triggers WHERE event_object_table = 'hid_t'")).isEmpty();
            assertThat(column(c, "SELECT tgname FROM pg_trigger WHERE tgrelid = 'hid_t'::regclass AND NOT tgisinternal")).isEmpty();
            Map<String, Object> d = new CatalogService(c).describeTable("public", "hid_t").orElseThrow();
            assertThat(d.toString()).doesNotContain("dsqlkit");
        }
    }

    @Test
    void psqlDescribeShowsNoEmulatorObjects() throws Exception {
        assumeTrue(Psql.available(), "psql not installed");
        Psql.Result dn = Psql.command(local, "\\dn");
        assertThat(dn.exitCode()).as(dn.stderr()).isZero();
        assertThat(dn.stdout()).doesNotContain("dsqlkit").contains("public");
        Psql.Result d = Psql.command(local, "\\d hid_t");
        assertThat(d.exitCode()).as(d.stderr()).isZero();
        assertThat(d.stdout()).doesNotContain("dsqlkit").doesNotContain("Triggers");
    }

    /**
     * DSQL has no event triggers: the emulator's (which attaches the limit triggers) is not shown to clients.
     * PostgreSQL cannot filter a system catalog's rows, so the client role may not read pg_event_trigger at all.
     */
    @Test
    void theEmulatorsEventTriggerIsNotShownAndStillWorks() throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> column(c, "SELECT evtname FROM pg_catalog.pg_event_trigger"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            s.execute("CREATE TABLE hid_evt (id int PRIMARY KEY)"); // the hidden event trigger still attaches the row limit
            assertThatThrownBy(() -> s.execute("INSERT INTO hid_evt SELECT generate_series(1, 11)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54000"));
        }
        assumeTrue(Psql.available(), "psql not installed");
        Psql.Result dy = Psql.command(local, "\\dy");
        assertThat(dy.stdout() + dy.stderr()).doesNotContain("dsqlkit");
    }

    /** DSQL accepts ENABLE/DISABLE TRIGGER ALL|USER (dsql-facts §0); it must not switch the limits off. */
    @Test
    void disablingTriggersKeepsTheRowLimit() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE hid_lim (id int PRIMARY KEY)");
            s.execute("ALTER TABLE hid_lim DISABLE TRIGGER ALL");
            s.execute("ALTER TABLE hid_lim DISABLE TRIGGER USER");
            assertThatThrownBy(() -> s.execute("INSERT INTO hid_lim SELECT generate_series(1, 11)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54000"));
            s.execute("ALTER TABLE hid_lim ENABLE TRIGGER ALL");
        }
    }

    @Test
    void errorsCarryNoSourceLocationOrInternalContext() throws Exception {
        try (RawClient raw = new RawClient(local.port())) {
            raw.startup();
            List<BackendMessage.ErrorResponse> errors = new ArrayList<>();
            for (String sql : new String[] {"SELECT 1/0", "CALL sys.wait_for_job('not-a-job')",
                    "INSERT INTO hid_t SELECT generate_series(1, 11), 'x'", "SELECT nope FROM hid_t"}) {
                for (BackendMessage m : raw.query(sql)) {
                    if (m instanceof BackendMessage.ErrorResponse e) errors.add(e);
                }
            }
            assertThat(errors).hasSize(4).allSatisfy(e -> {
                assertThat(e.field('F')).as(e.message()).isNull();
                assertThat(e.field('L')).as(e.message()).isNull();
                assertThat(e.field('R')).as(e.message()).isNull();
                assertThat(e.field('W')).as(e.message()).isNull();
            });
            assertThat(errors.get(1).message()).isEqualTo("Unable to convert text to UUID");
        }
    }

    @Test
    void noticesCarryNoSourceLocation() throws Exception {
        try (RawClient raw = new RawClient(local.port())) {
            raw.startup();
            List<BackendMessage.NoticeResponse> notices = new ArrayList<>();
            for (BackendMessage m : raw.query("CREATE TABLE IF NOT EXISTS hid_t (id int PRIMARY KEY, v text)")) {
                if (m instanceof BackendMessage.NoticeResponse n) notices.add(n);
            }
            assertThat(notices).singleElement().satisfies(n -> {
                assertThat(n.fields()).extracting(BackendMessage.Field::code).doesNotContain('F', 'L', 'R');
                assertThat(n.fields()).extracting(BackendMessage.Field::value)
                        .contains("relation \"hid_t\" already exists, skipping");
            });
        }
    }
}

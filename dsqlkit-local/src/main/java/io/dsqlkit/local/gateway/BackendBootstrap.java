package io.dsqlkit.local.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares the PostgreSQL behind the gateway (idempotent, run at every start):
 * <ul>
 * <li>role {@code admin} (DSQL's built-in role, dsql-facts §5) as a superuser owning the database
 *     and schema {@code public}; other roles are created by admin with CREATE ROLE as on DSQL;</li>
 * <li>schema {@code dsqlkit} with the functions the gateway uses: {@code dsqlkit.raise} (lets a
 *     rejection abort a transaction exactly where DSQL would) and the transaction-limit triggers;</li>
 * <li>an event trigger that attaches two triggers to every new user table:
 *     {@code dsqlkit_txn_rows} (AFTER ROW: counts modified rows and their bytes in transaction-local
 *     settings and fails the statement that crosses the row limit, so FK cascades count and the
 *     transaction aborts naturally, dsql-facts §2) and {@code dsqlkit_txn_size} (a deferred
 *     constraint trigger: the size limit is checked at COMMIT). They are visible in
 *     {@code pg_trigger} under these names; DSQL itself has no user triggers, so introspection
 *     tools can filter on the {@code dsqlkit_} prefix.</li>
 * </ul>
 * The limits are read from settings the gateway passes in each backend session's startup packet;
 * sessions that do not set them (jobs, bootstrap, direct connections) are not limited.
 */
public final class BackendBootstrap {
    /** The marker messages the triggers raise; the gateway rewrites them into DSQL's texts. */
    public static final String ROW_LIMIT_MARKER = "dsqlkit.row_limit";
    public static final String SIZE_LIMIT_MARKER = "dsqlkit.size_limit";
    public static final String ROWS_SETTING = "dsqlkit.max_tx_rows";
    public static final String BYTES_SETTING = "dsqlkit.max_tx_bytes";

    private static final String[] STATEMENTS = {
        """
        DO $$BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN
            CREATE ROLE admin WITH SUPERUSER LOGIN;
          END IF;
        END$$""",
        "ALTER DATABASE postgres OWNER TO admin",
        "ALTER SCHEMA public OWNER TO admin",
        "CREATE SCHEMA IF NOT EXISTS dsqlkit",
        "GRANT USAGE ON SCHEMA dsqlkit TO PUBLIC",
        """
        CREATE OR REPLACE FUNCTION dsqlkit.raise(state text, msg text, detail text) RETURNS void
        LANGUAGE plpgsql AS $f$
        BEGIN
          IF detail IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = state, MESSAGE = msg;
          ELSE
            RAISE EXCEPTION USING ERRCODE = state, MESSAGE = msg, DETAIL = detail;
          END IF;
        END $f$""",
        """
        CREATE OR REPLACE FUNCTION dsqlkit.count_rows() RETURNS trigger
        LANGUAGE plpgsql AS $f$
        DECLARE
          lim text := current_setting('dsqlkit.max_tx_rows', true);
          n bigint;
          b bigint;
        BEGIN
          IF lim IS NULL OR lim = '' THEN RETURN NULL; END IF;
          n := coalesce(nullif(current_setting('dsqlkit.tx_rows', true), ''), '0')::bigint + 1;
          PERFORM set_config('dsqlkit.tx_rows', n::text, true);
          IF TG_OP = 'DELETE' THEN
            b := pg_column_size(OLD);
          ELSE
            b := pg_column_size(NEW);
          END IF;
          b := b + coalesce(nullif(current_setting('dsqlkit.tx_bytes', true), ''), '0')::bigint;
          PERFORM set_config('dsqlkit.tx_bytes', b::text, true);
          IF n > lim::bigint THEN
            RAISE EXCEPTION USING ERRCODE = '54000', MESSAGE = 'dsqlkit.row_limit';
          END IF;
          RETURN NULL;
        END $f$""",
        """
        CREATE OR REPLACE FUNCTION dsqlkit.check_size() RETURNS trigger
        LANGUAGE plpgsql AS $f$
        DECLARE
          lim text := current_setting('dsqlkit.max_tx_bytes', true);
          b bigint;
        BEGIN
          IF lim IS NULL OR lim = '' THEN RETURN NULL; END IF;
          b := coalesce(nullif(current_setting('dsqlkit.tx_bytes', true), ''), '0')::bigint;
          IF b > lim::bigint THEN
            RAISE EXCEPTION USING ERRCODE = '54000', MESSAGE = 'dsqlkit.size_limit', DETAIL = b::text || ' ' || lim;
          END IF;
          RETURN NULL;
        END $f$""",
        """
        CREATE OR REPLACE FUNCTION dsqlkit.attach_limit_triggers() RETURNS event_trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT objid, schema_name, object_identity FROM pg_event_trigger_ddl_commands()
                   WHERE object_type = 'table' LOOP
            IF r.schema_name IN ('sys', 'dsqlkit', 'pg_catalog', 'information_schema') OR r.schema_name LIKE 'pg_temp%' THEN
              CONTINUE;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = r.objid AND tgname = 'dsqlkit_txn_rows') THEN
              CONTINUE;
            END IF;
            EXECUTE format('CREATE TRIGGER dsqlkit_txn_rows AFTER INSERT OR UPDATE OR DELETE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION dsqlkit.count_rows()', r.object_identity);
            EXECUTE format('CREATE CONSTRAINT TRIGGER dsqlkit_txn_size AFTER INSERT OR UPDATE OR DELETE ON %s '
                           'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dsqlkit.check_size()', r.object_identity);
          END LOOP;
        END $f$""",
        "DROP EVENT TRIGGER IF EXISTS dsqlkit_limits",
        "CREATE EVENT TRIGGER dsqlkit_limits ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') "
                + "EXECUTE FUNCTION dsqlkit.attach_limit_triggers()",
    };

    private BackendBootstrap() {}

    public static void install(Connection superuser) throws SQLException {
        boolean auto = superuser.getAutoCommit();
        superuser.setAutoCommit(true);
        try (Statement s = superuser.createStatement()) {
            for (String sql : STATEMENTS) s.execute(sql);
        } finally {
            superuser.setAutoCommit(auto);
        }
    }
}

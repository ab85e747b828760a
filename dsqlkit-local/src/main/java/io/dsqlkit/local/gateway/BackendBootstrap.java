package io.dsqlkit.local.gateway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares the PostgreSQL behind the gateway (idempotent, run at every start):
 * <ul>
 * <li>role {@code admin} (DSQL's built-in role, dsql-facts §5), <b>not</b> a superuser: it owns the
 *     database and schema {@code public}, may create roles (and has the privileges of the roles it
 *     creates, as {@code createrole_self_grant = 'set, inherit'} gives), grant, and create schemas,
 *     but cannot read server files, signal other sessions (not even its own: {@code pg_terminate_backend}
 *     and {@code pg_cancel_backend} are the superuser's) or change the server's configuration.
 *     The superuser is kept for the gateway's own work (jobs, catalog checks, this bootstrap);</li>
 * <li>the advisory-lock functions, which DSQL does not have, executable by no client role (the superuser's
 *     own work keeps them);</li>
 * <li>schema {@value #SCHEMA} with the transaction-limit functions. Its {@code pg_} prefix (allowed
 *     with {@code allow_system_table_mods}, set for this session only) makes psql's {@code \dn},
 *     {@code \df} and pg_dump treat it as a system schema, and without USAGE for PUBLIC it is not in
 *     {@code information_schema} either. Trigger functions run by OID, so they need no USAGE;</li>
 * <li>an event trigger that attaches two triggers to every new user table:
 *     {@code dsqlkit_txn_rows} (AFTER ROW: counts modified rows and their bytes in transaction-local
 *     settings and fails the statement that crosses the row limit, so FK cascades count and the
 *     transaction aborts naturally, dsql-facts §2) and {@code dsqlkit_txn_size} (a deferred
 *     constraint trigger: the size limit is checked at COMMIT). Both are marked internal
 *     ({@code tgisinternal}, like the triggers behind foreign keys): psql's {@code \d},
 *     {@code information_schema.triggers} and pg_dump do not show them, and
 *     {@code DISABLE TRIGGER USER} does not switch them off. The event trigger itself is hidden:
 *     clients may not read {@code pg_event_trigger} (DSQL has no event triggers).</li>
 * </ul>
 * A data folder from before this layout (schema {@code dsqlkit}, superuser admin) is converted.
 * The limits are read from settings the gateway passes in each backend session's startup packet;
 * sessions that do not set them (jobs, bootstrap, direct connections) are not limited.
 */
public final class BackendBootstrap {
    /** The marker messages the triggers raise; the gateway rewrites them into DSQL's texts. */
    public static final String ROW_LIMIT_MARKER = "dsqlkit.row_limit";
    public static final String SIZE_LIMIT_MARKER = "dsqlkit.size_limit";
    public static final String ROWS_SETTING = "dsqlkit.max_tx_rows";
    public static final String BYTES_SETTING = "dsqlkit.max_tx_bytes";
    /** The emulator's own schema (a system schema to clients). */
    public static final String SCHEMA = "pg_dsqlkit";
    /** Server setting: admin gets the privileges of the roles it creates (PostgreSQL 16 gives it ADMIN only). */
    public static final java.util.Map<String, String> SERVER_SETTINGS = java.util.Map.of("createrole_self_grant", "set, inherit");

    private static final String[] STATEMENTS = {
        """
        DO $$BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN
            CREATE ROLE admin WITH LOGIN CREATEROLE;
          END IF;
        END$$""",
        "ALTER ROLE admin WITH NOSUPERUSER LOGIN CREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS",
        "ALTER DATABASE postgres OWNER TO admin",
        "ALTER SCHEMA public OWNER TO admin",
        // Roles an earlier (superuser) admin created: give admin what PostgreSQL gives a role's creator.
        """
        DO $$DECLARE r record;
        BEGIN
          FOR r IN SELECT rolname FROM pg_roles WHERE rolname NOT IN ('admin', 'postgres') AND rolname NOT LIKE 'pg\\_%'
                     AND NOT rolsuper AND NOT EXISTS (SELECT 1 FROM pg_auth_members m
                         WHERE m.roleid = pg_roles.oid AND m.member = 'admin'::regrole AND m.admin_option) LOOP
            BEGIN
              EXECUTE format('GRANT %I TO admin WITH ADMIN TRUE, INHERIT TRUE, SET TRUE', r.rolname);
            EXCEPTION WHEN invalid_grant_operation THEN
              NULL; -- r is a member of admin: a grant would make a cycle
            END;
          END LOOP;
        END$$""",
        // PostgreSQL lets a role signal its own other sessions; DSQL's sessions are not the client's to
        // signal (UNVERIFIED). Cancelling one's own query with the protocol's CancelRequest still works.
        "REVOKE EXECUTE ON FUNCTION pg_terminate_backend(integer, bigint), pg_cancel_backend(integer) FROM PUBLIC",
        // DSQL has no advisory locks (dsql-facts §1.1). The gateway's lint refuses the calls it can see; the engine
        // refuses the rest for every client role: calls in a SQL function's body, in SQL text run by ts_stat or
        // query_to_xml. The permission error is reported as DSQL's "function ... not supported" (ErrorTranslator).
        """
        DO $$DECLARE f regprocedure;
        BEGIN
          FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                    WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY ('{%s}'::text[]) LOOP
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %%s FROM PUBLIC', f);
          END LOOP;
        END$$""".formatted(String.join(",", new java.util.TreeSet<>(io.dsqlkit.rules.session.AdvisoryLock.FUNCTIONS))),
        "SET allow_system_table_mods = on",
        """
        DO $$BEGIN
          IF to_regnamespace('dsqlkit') IS NOT NULL AND to_regnamespace('pg_dsqlkit') IS NULL
             AND to_regprocedure('dsqlkit.count_rows()') IS NOT NULL THEN
            ALTER SCHEMA dsqlkit RENAME TO pg_dsqlkit;
          END IF;
        END$$""",
        "CREATE SCHEMA IF NOT EXISTS pg_dsqlkit",
        "RESET allow_system_table_mods",
        "REVOKE ALL ON SCHEMA pg_dsqlkit FROM PUBLIC",
        "DROP FUNCTION IF EXISTS pg_dsqlkit.raise(text, text, text)",
        """
        CREATE OR REPLACE FUNCTION pg_dsqlkit.count_rows() RETURNS trigger
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
        CREATE OR REPLACE FUNCTION pg_dsqlkit.check_size() RETURNS trigger
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
        CREATE OR REPLACE FUNCTION pg_dsqlkit.attach_limit_triggers() RETURNS event_trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT objid, schema_name, object_identity FROM pg_event_trigger_ddl_commands()
                   WHERE object_type = 'table' LOOP
            IF r.schema_name IN ('sys', 'pg_catalog', 'information_schema') OR r.schema_name LIKE 'pg\\_%' THEN
              CONTINUE;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = r.objid AND tgname = 'dsqlkit_txn_rows') THEN
              CONTINUE;
            END IF;
            EXECUTE format('CREATE TRIGGER dsqlkit_txn_rows AFTER INSERT OR UPDATE OR DELETE ON %s '
                           'FOR EACH ROW EXECUTE FUNCTION pg_dsqlkit.count_rows()', r.object_identity);
            EXECUTE format('CREATE CONSTRAINT TRIGGER dsqlkit_txn_size AFTER INSERT OR UPDATE OR DELETE ON %s '
                           'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pg_dsqlkit.check_size()', r.object_identity);
            UPDATE pg_trigger SET tgisinternal = true
             WHERE tgrelid = r.objid AND tgname IN ('dsqlkit_txn_rows', 'dsqlkit_txn_size');
          END LOOP;
        END $f$""",
        // Tables from a data folder of an earlier version carry visible triggers: hide them too.
        """
        UPDATE pg_trigger SET tgisinternal = true
         WHERE tgname IN ('dsqlkit_txn_rows', 'dsqlkit_txn_size') AND NOT tgisinternal
           AND tgfoid IN ('pg_dsqlkit.count_rows()'::regprocedure, 'pg_dsqlkit.check_size()'::regprocedure)""",
        "DROP EVENT TRIGGER IF EXISTS dsqlkit_limits",
        "CREATE EVENT TRIGGER dsqlkit_limits ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO') "
                + "EXECUTE FUNCTION pg_dsqlkit.attach_limit_triggers()",
        // DSQL has no event triggers; clients must not see this one (psql's \dy, pg_dump). The catalog cannot be
        // filtered (row security skips system catalogs), so clients may not read it at all: the server fires event
        // triggers from its own cache, which privileges do not touch.
        "REVOKE SELECT ON pg_catalog.pg_event_trigger FROM PUBLIC",
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

package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what an agent's SQL is before anything reaches the database. Decisions come from the
 * lexer and splitter (the statement's real tokens), never from regular expressions over the text:
 * a semicolon or {@code COMMIT} inside a string, a comment or a dollar quote is just text.
 */
public final class StatementGuard {
    /** Functions that change session state that ROLLBACK does not undo, reach outside the database, or run SQL text we cannot see. */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            "set_config", "pg_sleep_for", "pg_sleep_until",
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir", "pg_ls_waldir",
            "pg_ls_tmpdir", "pg_ls_archive_statusdir", "pg_ls_logicalsnapdir", "pg_ls_logicalmapdir", "pg_ls_replslotdir",
            "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_logdir_ls",
            "loread", "lowrite", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
            "pg_promote", "pg_switch_wal", "pg_create_restore_point", "pg_backup_start", "pg_backup_stop",
            "pg_notify", "pg_logical_emit_message", "pg_log_backend_memory_contexts",
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
            "pg_import_system_collations", "pg_drop_replication_slot", "txid_current", "pg_current_xact_id",
            "ts_stat", "ts_rewrite", "setseed", "pg_stat_clear_snapshot");
    /** Any function whose name contains one of these runs SQL text (query_to_xml, table_to_xml, schema_to_xml ...). */
    private static final List<String> REFUSED_INFIXES = List.of("_to_xml");
    private static final List<String> REFUSED_PREFIXES = List.of(
            "pg_advisory_", "pg_try_advisory_", "lo_", "dblink", "pg_stat_reset", "pg_create_", "pg_replication_",
            "pg_copy_", "pg_wal_replay_", "pg_background");
    /** Functions that write; refused in read-only calls (PostgreSQL would also refuse them under BEGIN READ ONLY). */
    private static final Set<String> WRITING_FUNCTIONS = Set.of("nextval", "setval");
    /**
     * Every word a PostgreSQL statement can start with (gram.y's stmt rule). A statement whose first
     * token is not one of these is not a utility command but a syntax error, which the server's parser
     * reports with its position ({@link SqlExecutor}).
     */
    private static final Set<String> STATEMENT_WORDS = Set.of(
            "ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT",
            "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH",
            "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH",
            "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START",
            "TABLE", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH");
    /** pg_sleep is allowed up to this many seconds (the statement timeout bounds it anyway). */
    static final BigDecimal MAX_SLEEP_SECONDS = BigDecimal.TEN;

    private StatementGuard() {}

    /** The single statement of {@code sql}; refuses empty input and stacked statements. */
    public static Statement single(String sql) {
        return SINGLE.get(sql, StatementGuard::singleNow);
    }

    /**
     * {@link #single}'s verdicts by exact text (statements are immutable; a refusal is not kept): agents and
     * programs send the same text again (a status poll, a dashboard query), and lexing it plus the driver's own
     * parse is a tenth of a read's CPU time in the server.
     */
    private static final TextCache<Statement> SINGLE = new TextCache<>(512, 4_096);

    private static Statement singleNow(String sql) {
        List<Statement> statements = statements(sql);
        if (statements.isEmpty()) throw new Refusal("the SQL is empty (only whitespace or comments)");
        if (statements.size() > 1) {
            throw new Refusal("one statement per call: found " + statements.size() + " ("
                    + String.join(", ", statements.stream().map(s -> s.kind().isEmpty() ? "?" : s.kind()).toList())
                    + "); send them separately, or use transact for several statements in one transaction",
                    Map.of("statements", statements.size()));
        }
        Statement s = statements.get(0);
        for (Token t : s.tokens()) {
            if (t.unterminated()) throw new Refusal("unterminated " + describe(t) + " at line " + t.line() + ", column " + t.column());
        }
        checkDriverAgrees(s);
        return s;
    }

    /**
     * Whether {@code s} does not start like any PostgreSQL statement ({@code SELEC 1}, {@code 42}): the
     * classifier files such text under UTILITY, but it is a syntax error, best reported by the server's
     * parser (SQLSTATE 42601 and the position).
     */
    public static boolean isUnknownStatement(Statement s) {
        if (s.category() != StatementCategory.UTILITY) return false;
        List<Token> sig = s.significant();
        int i = 0;
        while (i < sig.size() && sig.get(i).is(TokenType.LPAREN)) i++;
        if (i == sig.size()) return true;
        Token first = sig.get(i);
        return !first.is(TokenType.IDENTIFIER) || !STATEMENT_WORDS.contains(first.text().toUpperCase(Locale.ROOT));
    }

    /** All non-empty statements of {@code sql}. */
    public static List<Statement> statements(String sql) {
        return ScriptSplitter.split(sql).stream().filter(s -> s.category() != StatementCategory.EMPTY).toList();
    }

    /**
     * Refuses anything but a plain read: queries (SELECT, VALUES, TABLE, WITH without DML, SHOW,
     * EXPLAIN without ANALYZE of writes), no locking clauses, no SELECT INTO, no session-changing or
     * dangerous functions. The statement still runs inside BEGIN READ ONLY and is rolled back.
     */
    public static void requireRead(Statement s) {
        if (s.category() == StatementCategory.DML) {
            if (hasTopLevelLocking(s)) {
                throw new Refusal("SELECT ... FOR UPDATE/FOR KEY SHARE is a locking read: in DSQL it marks rows as written "
                        + "and only matters inside a transaction that writes (dsql-facts §3). Use transact (with writes allowed) "
                        + "or drop the locking clause.", Map.of("kind", s.kind()));
            }
            throw new Refusal(s.kind() + " changes data; this tool only reads. Use execute or transact"
                    + " (the server must allow writes).", Map.of("kind", s.kind()));
        }
        if (s.category() != StatementCategory.QUERY) {
            throw new Refusal(describeRefusal(s), Map.of("kind", s.kind(), "category", s.category().name()));
        }
        if (hasTopLevelLocking(s)) {
            throw new Refusal("locking clauses (FOR UPDATE/SHARE) are not reads; use transact with writes allowed", Map.of("kind", s.kind()));
        }
        if (hasSelectInto(s)) {
            throw new Refusal("SELECT ... INTO creates a table; this tool only reads (and DSQL rejects CREATE TABLE AS, dsql-facts §1.1)",
                    Map.of("kind", "SELECT INTO"));
        }
        checkFunctions(s, true);
    }

    /**
     * {@link #requireRead(Statement)} plus the catalog check of every function, operator, view and
     * domain the read can run ({@link FunctionGuard}: an allowlist, one round trip, before planning).
     * Use this entry point for any SQL that is to run as a read.
     */
    public static void requireRead(java.sql.Connection c, Statement s) throws SQLException {
        requireRead(s);
        FunctionGuard.checkRead(c, s);
    }

    /** Refuses known-dangerous functions by name in any statement (writes included): the text layer, no round trip. */
    public static void checkFunctions(Statement s, boolean readOnly) {
        List<Token> sig = s.significant();
        for (int i = 0; i < sig.size() - 1; i++) {
            Token t = sig.get(i);
            if (!(t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER))) continue;
            if (!sig.get(i + 1).is(TokenType.LPAREN)) continue;
            String name = t.identifierValue().toLowerCase(Locale.ROOT);
            if (REFUSED_FUNCTIONS.contains(name) || REFUSED_PREFIXES.stream().anyMatch(name::startsWith)
                    || REFUSED_INFIXES.stream().anyMatch(name::contains)) {
                throw new Refusal("function " + name + "() is refused: it " + why(name)
                        + ". dsqlkit's MCP server only runs statements whose effects end with the call.", Map.of("function", name));
            }
            if (readOnly && WRITING_FUNCTIONS.contains(name)) {
                throw new Refusal("function " + name + "() advances a sequence (a write); not allowed in a read-only call",
                        Map.of("function", name));
            }
            if (name.equals("pg_sleep")) checkSleep(sig, i + 2);
        }
    }

    private static void checkSleep(List<Token> sig, int argIndex) {
        if (argIndex + 1 < sig.size() && sig.get(argIndex).is(TokenType.NUMBER) && sig.get(argIndex + 1).is(TokenType.RPAREN)) {
            try {
                if (new BigDecimal(sig.get(argIndex).text().replace("_", "")).compareTo(MAX_SLEEP_SECONDS) <= 0) return;
            } catch (NumberFormatException ignored) {
                // hex/octal literals: refuse below
            }
        }
        throw new Refusal("pg_sleep() is allowed only with a literal of at most " + MAX_SLEEP_SECONDS + " seconds",
                Map.of("function", "pg_sleep"));
    }

    /** Why a function is refused, for messages (also used by {@link FunctionGuard}). */
    static String why(String name) {
        if (name.startsWith("pg_advisory_") || name.startsWith("pg_try_advisory_")) {
            return "takes an advisory lock that can outlive the call (and DSQL does not support advisory locks, dsql-facts §1.1)";
        }
        if (name.startsWith("lo_") || name.equals("loread") || name.equals("lowrite")) return "works on large objects (server-side files)";
        if (name.equals("set_config")) return "changes session settings (DSQL rejects most of them, dsql-facts §1.3)";
        if (name.contains("read_file") || name.startsWith("pg_ls_") || name.equals("pg_stat_file") || name.startsWith("pg_file")) {
            return "reads or writes files on the database server";
        }
        if (name.contains("to_xml") || name.equals("ts_stat") || name.equals("ts_rewrite")) {
            return "runs SQL text (or whole tables) that the guard cannot check";
        }
        if (name.equals("nextval") || name.equals("setval")) return "advances a sequence (a write)";
        if (name.equals("pg_terminate_backend") || name.equals("pg_cancel_backend")) return "signals other sessions";
        if (name.startsWith("dblink")) return "connects to other databases";
        if (REFUSED_FUNCTIONS.contains(name) || REFUSED_PREFIXES.stream().anyMatch(name::startsWith)) return "changes server or session state";
        return "is not known to be free of side effects (the allowlist holds built-ins reviewed as safe)";
    }

    private static String describeRefusal(Statement s) {
        String kind = s.kind().isEmpty() ? "this statement" : s.kind();
        return switch (s.category()) {
            case TRANSACTION_CONTROL -> kind + " is transaction control: each call runs in its own transaction that the server "
                    + "begins and ends. Use transact to run several statements in one transaction.";
            case SESSION -> kind + " changes session state, which would leak into later calls; it is refused.";
            case DDL -> kind + " changes the schema; this tool only reads. Use execute (the server must allow writes).";
            case UTILITY -> kind + " is a utility command (COPY, DO, CALL, PREPARE/EXECUTE, LISTEN, VACUUM ...); it is refused "
                    + "in reads. Use list_jobs / wait_for_job for DSQL's async jobs.";
            default -> kind + " is not a read";
        };
    }

    /** FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE anywhere outside strings (any depth). */
    static boolean hasTopLevelLocking(Statement s) {
        List<Token> sig = s.significant();
        for (int i = 0; i < sig.size() - 1; i++) {
            if (!sig.get(i).isKeyword("FOR")) continue;
            Token n = sig.get(i + 1);
            if (n.isAnyKeyword("UPDATE", "SHARE", "NO")) return true;
            if (n.isKeyword("KEY") && i + 2 < sig.size() && sig.get(i + 2).isKeyword("SHARE")) return true;
        }
        return false;
    }

    /** SELECT ... INTO at parenthesis depth 0 (not INSERT INTO). */
    static boolean hasSelectInto(Statement s) {
        int depth = 0;
        for (Token t : s.significant()) {
            if (t.is(TokenType.LPAREN)) depth++;
            else if (t.is(TokenType.RPAREN)) depth--;
            else if (depth == 0 && t.isKeyword("INTO")) return true;
        }
        return false;
    }

    /**
     * Defence in depth: pgjdbc splits statement text on its own before sending it, so the driver
     * must see exactly one statement too. A disagreement with our splitter is refused.
     */
    private static void checkDriverAgrees(Statement s) {
        try {
            List<NativeQuery> q = Parser.parseJdbcSql(s.sql(), true, false, true, false, false);
            long nonEmpty = q.stream().filter(n -> !n.nativeSql.isBlank()).count();
            if (nonEmpty > 1) throw new Refusal("one statement per call: the driver sees " + nonEmpty + " statements here");
        } catch (SQLException e) {
            throw new Refusal("the SQL could not be parsed: " + e.getMessage());
        }
    }

    private static String describe(Token t) {
        return switch (t.type()) {
            case STRING -> "string literal";
            case DOLLAR_STRING -> "dollar-quoted string";
            case QUOTED_IDENTIFIER -> "quoted identifier";
            case BLOCK_COMMENT -> "block comment";
            default -> "token";
        };
    }
}

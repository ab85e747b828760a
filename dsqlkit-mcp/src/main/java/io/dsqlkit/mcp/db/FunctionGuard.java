package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.Keywords;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Functions in reads: an allowlist decided through the catalog, not a blocklist over text. Every
 * name the statement could call (a name before {@code (}, a name after {@code .} for attribute
 * notation {@code t.f} = {@code f(t)}), every operator, and every view and domain it names are
 * resolved in ONE catalog query with the names bound as parameters, before the statement is
 * planned (planning alone may run an IMMUTABLE user function):
 * <ul>
 *   <li>a name that is a function outside pg_catalog is refused (whatever overload PostgreSQL would
 *       pick, whatever the search_path), and so is a pg_catalog function not on the
 *       {@link FunctionAllowlist};</li>
 *   <li>an operator defined outside pg_catalog is refused (user operators are user functions);</li>
 *   <li>views and domains are followed through {@code pg_depend} to everything they use (a view's
 *       body runs when it is read, a domain's CHECK when a value is cast to it): user functions and
 *       operators found there are refused, and the views' and CHECKs' own text is lexed and held
 *       to the same rules, since built-in functions are pinned and never appear in pg_depend.
 *       Views and domains of pg_catalog and information_schema are trusted.</li>
 *   <li>a cast backed by a function outside pg_catalog refuses every statement while it exists, since PostgreSQL
 *       applies casts the statement never names ({@link #USER_CASTS}).</li>
 * </ul>
 * Names are folded as the server folds them (quotes, {@code U&""} escapes, truncation to 63 bytes).
 * {@code UESCAPE} identifiers are refused outright rather than decoded a second way.
 */
public final class FunctionGuard {
    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated by the server. */
    static final int MAX_NAME_BYTES = 63;

    /** The lookups: relations and domains the statement names, and everything they run, walked through pg_depend. */
    private static final String CTES = """
            WITH RECURSIVE
            k AS (SELECT
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_proc') AS proc,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_class') AS cls,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_rewrite') AS rw,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_operator') AS op,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_type') AS typ,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_constraint') AS con,
              (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = 11 AND c.relname = 'pg_policy') AS pol),
            sys AS (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname IN ('pg_catalog', 'information_schema')),
            walk(classid, objid, via, expand) AS (
              SELECT k.cls, c.oid, c.relname::text, c.relnamespace NOT IN (SELECT oid FROM sys)
                FROM pg_catalog.pg_class c, k WHERE c.relname = ANY (?)
              UNION
              SELECT k.typ, t.oid, t.typname::text, t.typnamespace NOT IN (SELECT oid FROM sys)
                FROM pg_catalog.pg_type t, k WHERE t.typname = ANY (?) AND t.typtype = 'd'
              UNION
              SELECT d2.refclassid, d2.refobjid, w.via,
                     CASE WHEN d2.refclassid = k.cls THEN (SELECT r.relnamespace NOT IN (SELECT oid FROM sys)
                                                           FROM pg_catalog.pg_class r WHERE r.oid = d2.refobjid)
                          WHEN d2.refclassid = k.typ THEN (SELECT t.typnamespace NOT IN (SELECT oid FROM sys)
                                                           FROM pg_catalog.pg_type t WHERE t.oid = d2.refobjid)
                          ELSE false END
                FROM walk w CROSS JOIN k
                JOIN pg_catalog.pg_depend d1 ON d1.refclassid = w.classid AND d1.refobjid = w.objid AND d1.deptype IN ('i', 'a')
                 AND ((w.classid = k.cls AND d1.classid IN (k.rw, k.pol)) OR (w.classid = k.typ AND d1.classid = k.con))
                JOIN pg_catalog.pg_depend d2 ON d2.classid = d1.classid AND d2.objid = d1.objid AND d2.deptype = 'n'
               WHERE w.expand)""";

    /** One row per finding: (kind, schema, name, detail). Parameters 3-5: calls, attributes, operators. */
    private static final String FINDINGS = """
            SELECT 'call' AS kind, n.nspname::text AS schema, p.proname::text AS name, '' AS detail
              FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = ANY (?)
            UNION ALL
            SELECT 'attribute', n.nspname::text, p.proname::text,
                   coalesce((SELECT t.typtype::text FROM pg_catalog.pg_type t WHERE t.oid = p.proargtypes[0]), '')
              FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE p.proname = ANY (?) AND p.pronargs >= 1 AND p.pronargs - p.pronargdefaults <= 1
            UNION ALL
            SELECT 'operator', n.nspname::text, o.oprname::text, ''
              FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
             WHERE n.nspname <> 'pg_catalog' AND EXISTS (SELECT 1 FROM unnest(?::text[]) AS tok(t) WHERE strpos(tok.t, o.oprname) > 0)
            UNION ALL
            SELECT 'via', n.nspname::text, p.proname::text, w.via
              FROM walk w CROSS JOIN k JOIN pg_catalog.pg_proc p ON w.classid = k.proc AND p.oid = w.objid
              JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            UNION ALL
            SELECT 'via', n.nspname::text, 'operator ' || o.oprname::text, w.via
              FROM walk w CROSS JOIN k JOIN pg_catalog.pg_operator o ON w.classid = k.op AND o.oid = w.objid
              JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname <> 'pg_catalog'
            UNION ALL
            SELECT 'definition', '', w.via, pg_catalog.pg_get_viewdef(w.objid)
              FROM walk w CROSS JOIN k JOIN pg_catalog.pg_class r ON w.classid = k.cls AND r.oid = w.objid AND r.relkind = 'v'
             WHERE w.expand
            UNION ALL
            SELECT 'definition', '', w.via, pg_catalog.pg_get_constraintdef(c.oid)
              FROM walk w CROSS JOIN k JOIN pg_catalog.pg_constraint c ON w.classid = k.typ AND c.contypid = w.objid
             WHERE w.expand""";

    /**
     * Casts backed by a function outside pg_catalog, one row each (kind 'cast'). PostgreSQL applies a cast without
     * the statement naming its function: with cast syntax ({@code ::}, {@code CAST}, {@code type(x)}), with none at
     * all when the cast is AS IMPLICIT or AS ASSIGNMENT (an operator, function argument, IN list, UNION, assignment
     * needing the other type), and inside built-ins ({@code to_json} uses a type's cast to json). Which casts a
     * statement applies is only known once it is planned, and planning may already run an IMMUTABLE cast function,
     * so while any such cast exists every guarded statement is refused. Built-in casts and casts WITHOUT FUNCTION or
     * WITH INOUT run no user function (a user base type's I/O functions must be C, created by a superuser).
     */
    private static final String USER_CASTS = """
            SELECT 'cast' AS kind, n.nspname::text AS schema, p.proname::text AS name,
                   pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL)
                   || CASE c.castcontext WHEN 'i' THEN ' AS IMPLICIT' WHEN 'a' THEN ' AS ASSIGNMENT' ELSE '' END AS detail
              FROM pg_catalog.pg_cast c JOIN pg_catalog.pg_proc p ON p.oid = c.castfunc
              JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE c.castfunc <> 0 AND n.nspname <> 'pg_catalog'""";

    private static final String QUERY = CTES + "\n" + FINDINGS + "\nUNION ALL\n" + USER_CASTS;

    /** Where the pipelined guard's error message starts: the read goes the full {@link #checkRead} way. */
    static final String PIPELINED_MARK = "dsqlkit function guard: ";

    /**
     * The same lookups as one statement that FAILS (a cast error, SQLSTATE 22P02, with {@link #PIPELINED_MARK} and
     * the findings in the message) unless the read is provably clean: no operator outside pg_catalog, no view or
     * domain whose body or CHECK needs lexing, and every function the statement names a pg_catalog function on the
     * allowlist (parameter 6 is the named calls and attributes NOT on the allowlist). Because it fails, a statement
     * sent after it before the same Sync is never parsed, planned or run by the server (extended protocol: after an
     * error the server skips every message up to the Sync), so it can travel in the same round trip as the guard.
     */
    private static final String PIPELINED = CTES + ",\nf(kind, schema, name, detail) AS (\n" + FINDINGS + "\nUNION ALL\n" + USER_CASTS
            + ")\n" + """
            SELECT (SELECT CASE WHEN pg_catalog.count(*) > 0
                                THEN '%s' || coalesce(pg_catalog.string_agg(f.kind || ' ' || f.schema || '.' || f.name, ', '), '?') END
                      FROM f
                     WHERE f.kind IN ('operator', 'via', 'definition', 'cast')
                        OR (f.kind = 'call' AND (f.schema <> 'pg_catalog' OR f.name = ANY (?::text[])))
                        OR (f.kind = 'attribute' AND f.detail IN ('c', 'p')
                            AND (f.schema <> 'pg_catalog' OR f.name = ANY (?::text[]))))::int AS guard""".formatted(PIPELINED_MARK);

    /** The pipelined guard of a read that names nothing to look up: it fails only while a user-function cast exists. */
    private static final String PIPELINED_CASTS = """
            SELECT (SELECT CASE WHEN pg_catalog.count(*) > 0
                                THEN '%s' || pg_catalog.string_agg(f.kind || ' ' || f.schema || '.' || f.name, ', ') END
                      FROM (%s) f)::int AS guard""".formatted(PIPELINED_MARK, USER_CASTS);


    private FunctionGuard() {}

    /** Refuses the read unless every function it can run is a pg_catalog function on the allowlist. */
    public static void checkRead(Connection c, Statement s) throws SQLException {
        check(c, mentions(s.significant()), Set.of());
    }

    /**
     * Writes under a tenant scope: the same rules, plus the functions a write legitimately calls
     * (sequences), since a user function could read or change other tenants' rows unseen.
     */
    public static void checkWrite(Connection c, Statement s) throws SQLException {
        check(c, mentions(s.significant()), Set.of("nextval", "currval", "lastval"));
    }

    /**
     * The guard of a read as one statement to send ahead of it in the same round trip ({@link #PIPELINED}). A read
     * that names nothing the catalog could resolve to a function, operator, view or domain still gets the cast check
     * ({@link #PIPELINED_CASTS}): an implicit cast needs no name ({@code SELECT current_date IN (1)}). Null only for a
     * SELECT of literals alone ({@code SELECT 1, 'a'}): no operator, no key word, nothing a cast could apply to, so
     * there is nothing to look up at all.
     */
    public static Pipelined pipelined(Statement s) {
        if (literalsOnly(s.significant())) return null;
        Mentions m = mentions(s.significant());
        Set<String> notAllowed = new LinkedHashSet<>();
        for (String n : m.calls) if (!FunctionAllowlist.allows(n)) notAllowed.add(n);
        for (String n : m.attributes) if (!FunctionAllowlist.allows(n)) notAllowed.add(n);
        return new Pipelined(m, List.copyOf(notAllowed));
    }

    /** SELECT followed by number and string literals, commas and parentheses only: no value meets another type. */
    static boolean literalsOnly(List<Token> sig) {
        if (sig.isEmpty() || !sig.get(0).isKeyword("SELECT")) return false;
        for (int i = 1; i < sig.size(); i++) {
            TokenType t = sig.get(i).type();
            if (t != TokenType.NUMBER && t != TokenType.STRING && t != TokenType.DOLLAR_STRING && t != TokenType.COMMA
                    && t != TokenType.LPAREN && t != TokenType.RPAREN) return false;
        }
        return true;
    }

    /** The pipelined guard: {@link #sql()} takes {@link #parameters()} parameters, bound by {@link #bind}. */
    public record Pipelined(Mentions mentions, List<String> notAllowed) {
        public String sql() {
            return mentions.isEmpty() ? PIPELINED_CASTS : PIPELINED;
        }

        public int parameters() {
            return mentions.isEmpty() ? 0 : 7;
        }

        public void bind(Connection c, PreparedStatement ps) throws SQLException {
            if (mentions.isEmpty()) return;
            Array ids = c.createArrayOf("text", mentions.identifiers.toArray());
            ps.setArray(1, ids);
            ps.setArray(2, ids);
            ps.setArray(3, c.createArrayOf("text", mentions.calls.toArray()));
            ps.setArray(4, c.createArrayOf("text", mentions.attributes.toArray()));
            ps.setArray(5, c.createArrayOf("text", mentions.operators.toArray()));
            Array na = c.createArrayOf("text", notAllowed.toArray());
            ps.setArray(6, na);
            ps.setArray(7, na);
        }

        /**
         * True when {@code e} may be the pipelined guard declining (then the statement sent after it never ran):
         * the caller rolls back and takes the full {@link #checkRead} path, which refuses with the reason or lets
         * the read through (views and domains are lexed there). A statement's own 22P02 costs one re-run, no more.
         */
        public static boolean declined(SQLException e) {
            return "22P02".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains(PIPELINED_MARK);
        }
    }

    private static void check(Connection c, Mentions m, Set<String> alsoAllowed) throws SQLException {
        Mentions current = m;
        // Definitions of views/domains are lexed and checked in turn; each round only names new things.
        // The first round always runs: it also looks for user-function casts, which a statement applies unnamed.
        for (int round = 0; round < 8 && (round == 0 || !current.isEmpty()); round++) {
            List<String> definitions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                Array ids = c.createArrayOf("text", current.identifiers.toArray());
                ps.setArray(1, ids);
                ps.setArray(2, ids);
                ps.setArray(3, c.createArrayOf("text", current.calls.toArray()));
                ps.setArray(4, c.createArrayOf("text", current.attributes.toArray()));
                ps.setArray(5, c.createArrayOf("text", current.operators.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString(1);
                        String schema = rs.getString(2);
                        String name = rs.getString(3);
                        String detail = rs.getString(4);
                        switch (kind) {
                            case "call" -> requireAllowed(schema, name, null, alsoAllowed);
                            case "attribute" -> {
                                // t.f is f(t) only for a function over a composite (or pseudo-typed) argument
                                if (detail.equals("c") || detail.equals("p")) requireAllowed(schema, name, null, alsoAllowed);
                            }
                            case "operator" -> throw refuse("operator " + schema + "." + name + " is user-defined (an operator runs "
                                    + "a function); reads only run pg_catalog operators", name,
                                    "use the function the operator stands for, if it is a built-in one, or read the data without it");
                            case "via" -> requireAllowed(schema, name, detail, alsoAllowed);
                            case "definition" -> definitions.add(detail);
                            case "cast" -> throw refuse("the database has a cast (" + detail + ") that runs the user function "
                                    + schema + "." + name + "(); PostgreSQL applies casts without the statement naming them "
                                    + "(implicitly, on assignment, inside built-ins such as to_json, and at planning time), so "
                                    + "no statement can be proved free of user functions while it exists", name,
                                    "drop the cast (DROP CAST (" + castTypes(detail) + ")) or define it WITHOUT FUNCTION / WITH INOUT, "
                                    + "or read through a database without user-defined casts");
                            default -> throw new IllegalStateException(kind);
                        }
                    }
                }
            }
            Mentions next = new Mentions();
            for (String d : definitions) next.addCallsOnly(mentions(significant(d)), alsoAllowed);
            current = next;
        }
        if (!current.isEmpty()) throw refuse("views nest too deeply to check", "", "read the underlying tables");
    }

    private static void requireAllowed(String schema, String name, String via, Set<String> alsoAllowed) {
        String where = via == null ? "" : " (used by " + via + ", which runs it when read)";
        if (!"pg_catalog".equals(schema)) {
            throw refuse("function " + schema + "." + name + "()" + where + " is user-defined; reads only run built-in functions "
                    + "known to be free of side effects, since a user function can run any SQL", name,
                    via == null ? "inline the function's logic in the query, or run it with execute (writes allowed)"
                            : "read the underlying tables instead of " + via);
        }
        if (FunctionAllowlist.allows(name) || alsoAllowed.contains(name)) return;
        throw refuse("function " + name + "()" + where + " is not on the read allowlist: it " + StatementGuard.why(name), name,
                "use a built-in, side-effect-free function instead (the allowlist is dsqlkit-mcp's read-functions.txt)");
    }

    /** "int4 AS text AS IMPLICIT" -> "int4 AS text". */
    private static String castTypes(String detail) {
        return detail.replace(" AS IMPLICIT", "").replace(" AS ASSIGNMENT", "");
    }

    private static Refusal refuse(String why, String function, String fix) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("function", function);
        d.put("fix", fix);
        return new Refusal("refused: " + why + ". Fix: " + fix + ".", d);
    }

    private static List<Token> significant(String sql) {
        return Lexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).toList();
    }

    /** What the statement's tokens could call or read: found by the lexer, never by patterns over text. */
    static Mentions mentions(List<Token> sig) {
        Mentions m = new Mentions();
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.is(TokenType.OPERATOR)) {
                m.operators.add(t.text());
                continue;
            }
            if (!(t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER))) continue;
            boolean afterDot = i > 0 && sig.get(i - 1).is(TokenType.DOT);
            // An unquoted fully reserved key word (SELECT, FROM, AS, CAST, ...) is never a function, relation or type
            // name, except after a dot, where PostgreSQL accepts any key word (s.select(), t.from = from(t)).
            if (t.is(TokenType.IDENTIFIER) && !afterDot && Keywords.isFullyReserved(t.text())) continue;
            if (t.is(TokenType.QUOTED_IDENTIFIER) && i + 1 < sig.size() && sig.get(i + 1).isKeyword("UESCAPE")) {
                throw refuse("identifiers with UESCAPE are not accepted in reads (the name cannot be checked unambiguously)",
                        t.text(), "write the identifier plainly or with U&\"...\" and the default \\ escape");
            }
            String name = serverName(t.identifierValue());
            m.identifiers.add(name);
            if (i + 1 < sig.size() && sig.get(i + 1).is(TokenType.LPAREN)) m.calls.add(name);
            if (afterDot) m.attributes.add(name);
        }
        return m;
    }

    /** The name as the server stores it: truncated to 63 bytes of UTF-8 on a character boundary. */
    static String serverName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) return name;
        int bytes = 0;
        int i = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_NAME_BYTES) break;
            bytes += n;
            i += Character.charCount(cp);
        }
        return name.substring(0, i);
    }

    /** Names by role, deduplicated, in order of appearance. */
    public static final class Mentions {
        final Set<String> identifiers = new LinkedHashSet<>();
        final Set<String> calls = new LinkedHashSet<>();
        final Set<String> attributes = new LinkedHashSet<>();
        final Set<String> operators = new LinkedHashSet<>();

        boolean isEmpty() {
            return identifiers.isEmpty() && calls.isEmpty() && attributes.isEmpty() && operators.isEmpty();
        }

        /** From a view or CHECK definition: the calls not already allowed, attribute names and operators (nested views were walked). */
        void addCallsOnly(Mentions other, Set<String> alsoAllowed) {
            for (String n : other.calls) if (!FunctionAllowlist.allows(n) && !alsoAllowed.contains(n)) calls.add(n);
            attributes.addAll(other.attributes);
            operators.addAll(other.operators);
        }
    }
}

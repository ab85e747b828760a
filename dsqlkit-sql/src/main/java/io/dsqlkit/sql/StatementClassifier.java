package io.dsqlkit.sql;

import java.util.List;

/**
 * Classifies a statement from its significant tokens into a {@link StatementCategory} and a kind
 * (upper case, single spaces), the way the transaction-shape rules need it: {@code WITH} resolves to
 * its main statement, a data-modifying CTE or a locking clause makes a query DML, CREATE/ALTER/DROP
 * kinds name the object type without modifiers ({@code CREATE UNIQUE INDEX} is {@code CREATE INDEX}).
 */
public final class StatementClassifier {
    private StatementClassifier() {}

    /** A category and kind; kind is empty for EMPTY. */
    public record Classification(StatementCategory category, String kind) {}

    private static final Classification EMPTY = new Classification(StatementCategory.EMPTY, "");

    /**
     * Object types of more than one word, longest first within a shared first word, for CREATE / ALTER
     * / DROP / COMMENT ON ... kinds.
     */
    private static final String[][] MULTIWORD_OBJECTS = {
            {"MATERIALIZED", "VIEW"}, {"FOREIGN", "DATA", "WRAPPER"}, {"FOREIGN", "TABLE"}, {"EVENT", "TRIGGER"},
            {"ACCESS", "METHOD"}, {"TEXT", "SEARCH", "CONFIGURATION"}, {"TEXT", "SEARCH", "DICTIONARY"},
            {"TEXT", "SEARCH", "PARSER"}, {"TEXT", "SEARCH", "TEMPLATE"}, {"USER", "MAPPING"},
            {"OPERATOR", "CLASS"}, {"OPERATOR", "FAMILY"}, {"DEFAULT", "PRIVILEGES"}, {"LARGE", "OBJECT"},
    };

    /** Words between CREATE and the object type that do not change the kind. */
    private static final String[] CREATE_MODIFIERS = {
            "TEMP", "TEMPORARY", "LOCAL", "GLOBAL", "UNLOGGED", "UNIQUE", "TRUSTED", "PROCEDURAL", "CONSTRAINT",
            "RECURSIVE",
    };

    /** Nesting (WITH in a CTE, EXPLAIN ANALYZE of EXPLAIN ANALYZE) beyond this is not looked into. */
    private static final int MAX_DEPTH = 32;

    public static Classification classify(List<Token> significant) {
        return classify(significant, 0);
    }

    private static Classification classify(List<Token> significant, int depth) {
        if (significant.isEmpty()) return EMPTY;
        int start = 0;
        while (start < significant.size() && significant.get(start).type() == TokenType.LPAREN) start++;
        if (start == significant.size()) return new Classification(StatementCategory.UTILITY, "(");
        Token first = significant.get(start);
        if (first.type() != TokenType.IDENTIFIER) {
            return new Classification(StatementCategory.UTILITY, first.text());
        }
        String w = word(first);
        if (start > 0 && !w.equals("SELECT") && !w.equals("VALUES") && !w.equals("WITH") && !w.equals("TABLE")) {
            return new Classification(StatementCategory.UTILITY, w);
        }
        List<Token> t = significant;
        int i = start;
        return switch (w) {
            case "SELECT" -> select(t, i + 1);
            case "VALUES", "TABLE" -> new Classification(hasLockingClause(t, i) ? StatementCategory.DML : StatementCategory.QUERY, w);
            case "WITH" -> depth > MAX_DEPTH ? query("WITH") : with(t, i + 1, depth);
            case "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE" -> dml(w);
            case "COPY" -> copy(t, i + 1);
            case "SHOW" -> query("SHOW");
            case "EXPLAIN" -> depth > MAX_DEPTH ? query("EXPLAIN") : explain(t, i + 1, depth);
            case "CREATE", "ALTER", "DROP" -> ddlObject(t, i, w);
            case "COMMENT" -> ddl("COMMENT");
            case "GRANT", "REVOKE" -> ddl(w);
            case "SECURITY" -> TokenCursor.keywordsAt(t, i + 1, "LABEL") ? ddl("SECURITY LABEL") : utility(w);
            case "REINDEX" -> ddl("REINDEX");
            case "REFRESH" -> TokenCursor.keywordsAt(t, i + 1, "MATERIALIZED", "VIEW")
                    ? ddl("REFRESH MATERIALIZED VIEW") : utility(w);
            case "AWS" -> aws(t, i + 1);
            case "SET" -> set(t, i + 1);
            case "RESET" -> session("RESET");
            case "DISCARD" -> session("DISCARD");
            case "BEGIN" -> tx("BEGIN");
            case "START" -> TokenCursor.keywordsAt(t, i + 1, "TRANSACTION") ? tx("START TRANSACTION") : utility(w);
            case "COMMIT" -> tx(TokenCursor.keywordsAt(t, i + 1, "PREPARED") ? "COMMIT PREPARED" : "COMMIT");
            case "END" -> tx("END");
            case "ROLLBACK" -> rollback(t, i + 1);
            case "ABORT" -> tx("ABORT");
            case "SAVEPOINT" -> tx("SAVEPOINT");
            case "RELEASE" -> tx("RELEASE");
            case "PREPARE" -> TokenCursor.keywordsAt(t, i + 1, "TRANSACTION") ? tx("PREPARE TRANSACTION") : utility("PREPARE");
            case "ANALYSE" -> utility("ANALYZE");
            case "IMPORT" -> TokenCursor.keywordsAt(t, i + 1, "FOREIGN", "SCHEMA") ? utility("IMPORT FOREIGN SCHEMA") : utility(w);
            case "REASSIGN" -> TokenCursor.keywordsAt(t, i + 1, "OWNED") ? utility("REASSIGN OWNED") : utility(w);
            default -> utility(w);
        };
    }

    private static Classification select(List<Token> t, int afterSelect) {
        if (hasLockingClause(t, afterSelect)) return dml("SELECT");
        // SELECT ... INTO creates a table; INTO elsewhere (INSERT INTO in a CTE) is inside brackets.
        if (TokenCursor.indexOfKeyword(t, afterSelect, t.size(), "INTO") >= 0) return dml("SELECT");
        return query("SELECT");
    }

    /**
     * A locking clause anywhere in the statement: a {@code FOR UPDATE} in a subquery locks rows too.
     * {@code FOR} only precedes these words in a locking clause.
     */
    static boolean hasLockingClause(List<Token> t, int from) {
        for (int i = Math.max(0, from); i < t.size() - 1; i++) {
            if (!t.get(i).isKeyword("FOR")) continue;
            Token a = t.get(i + 1);
            if (a.isAnyKeyword("UPDATE", "SHARE")) return true;
            if (a.isKeyword("NO") && TokenCursor.keywordsAt(t, i + 2, "KEY", "UPDATE")) return true;
            if (a.isKeyword("KEY") && TokenCursor.keywordsAt(t, i + 2, "SHARE")) return true;
        }
        return false;
    }

    private static Classification with(List<Token> t, int i, int depth) {
        TokenCursor c = new TokenCursor(t);
        c.seek(i);
        c.matchKeyword("RECURSIVE");
        boolean modifying = false;
        while (!c.atEnd()) {
            if (c.readQualifiedName() == null) break;
            if (c.is(TokenType.LPAREN)) c.skipGroup();
            if (!c.matchKeyword("AS")) break;
            c.matchKeyword("NOT");
            c.matchKeyword("MATERIALIZED");
            TokenRange body = c.skipGroup();
            if (body == null) break;
            if (classify(c.slice(body.inner()), depth + 1).category() == StatementCategory.DML) modifying = true;
            // SEARCH ... SET col / CYCLE ... USING path clauses hold no brackets or statement key words.
            while (!c.atEnd() && !c.is(TokenType.COMMA) && !c.is(TokenType.LPAREN)
                    && !c.isAnyKeyword("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE", "WITH")) {
                c.next();
            }
            if (!c.match(TokenType.COMMA)) break;
        }
        int mainStart = c.position();
        Classification main = c.atEnd() ? utility("WITH") : classify(t.subList(mainStart, t.size()), depth + 1);
        if (main.category() == StatementCategory.UTILITY && main.kind().equals("WITH")) {
            return new Classification(modifying ? StatementCategory.DML : StatementCategory.QUERY, "WITH");
        }
        if (modifying && main.category() == StatementCategory.QUERY) return dml(main.kind());
        return main;
    }

    private static Classification copy(List<Token> t, int i) {
        int at = i;
        if (at < t.size() && t.get(at).type() == TokenType.LPAREN) at = TokenCursor.groupEnd(t, at);
        int dir = TokenCursor.indexOfKeyword(t, at, t.size(), "FROM", "TO");
        if (dir >= 0 && t.get(dir).isKeyword("FROM")) return dml("COPY");
        return utility("COPY");
    }

    private static Classification explain(List<Token> t, int i, int depth) {
        boolean analyze = false;
        int at = i;
        if (at < t.size() && t.get(at).type() == TokenType.LPAREN) {
            TokenCursor c = new TokenCursor(t);
            c.seek(at);
            TokenRange group = c.skipGroup();
            for (TokenRange item : c.groupItems(group)) {
                List<Token> opt = c.slice(item);
                if (opt.isEmpty() || !opt.get(0).isAnyKeyword("ANALYZE", "ANALYSE")) continue;
                analyze = opt.size() < 2 || !(opt.get(1).isAnyKeyword("FALSE", "OFF")
                        || (opt.get(1).type() == TokenType.NUMBER && opt.get(1).text().equals("0")));
            }
            at = c.position();
        } else {
            while (at < t.size() && t.get(at).isAnyKeyword("ANALYZE", "ANALYSE", "VERBOSE")) {
                if (!t.get(at).isKeyword("VERBOSE")) analyze = true;
                at++;
            }
        }
        if (analyze && at < t.size() && classify(t.subList(at, t.size()), depth + 1).category() == StatementCategory.DML) {
            return dml("EXPLAIN");
        }
        return query("EXPLAIN");
    }

    private static Classification ddlObject(List<Token> t, int i, String verb) {
        int at = i + 1;
        if (verb.equals("CREATE")) {
            if (TokenCursor.keywordsAt(t, at, "OR", "REPLACE")) at += 2;
            while (at < t.size() && t.get(at).isAnyKeyword(CREATE_MODIFIERS)) at++;
            // CREATE DEFAULT CONVERSION
            if (TokenCursor.keywordsAt(t, at, "DEFAULT", "CONVERSION")) at++;
        }
        for (String[] words : MULTIWORD_OBJECTS) {
            if (TokenCursor.keywordsAt(t, at, words)) return ddl(verb + " " + String.join(" ", words));
        }
        if (at < t.size() && t.get(at).type() == TokenType.IDENTIFIER) return ddl(verb + " " + word(t.get(at)));
        return ddl(verb);
    }

    private static Classification aws(List<Token> t, int i) {
        if (TokenCursor.keywordsAt(t, i, "IAM", "GRANT")) return ddl("AWS IAM GRANT");
        if (TokenCursor.keywordsAt(t, i, "IAM", "REVOKE")) return ddl("AWS IAM REVOKE");
        return utility("AWS");
    }

    private static Classification set(List<Token> t, int i) {
        int at = i;
        if (TokenCursor.keywordsAt(t, at, "SESSION", "CHARACTERISTICS")) return session("SET SESSION CHARACTERISTICS");
        if (TokenCursor.keywordsAt(t, at, "TRANSACTION")) return session("SET TRANSACTION");
        if (TokenCursor.keywordsAt(t, at, "LOCAL", "TRANSACTION")) return session("SET TRANSACTION");
        if (TokenCursor.keywordsAt(t, at, "CONSTRAINTS")) return session("SET CONSTRAINTS");
        return session("SET");
    }

    private static Classification rollback(List<Token> t, int i) {
        int at = i;
        if (TokenCursor.keywordsAt(t, at, "PREPARED")) return tx("ROLLBACK PREPARED");
        if (at < t.size() && t.get(at).isAnyKeyword("WORK", "TRANSACTION")) at++;
        if (TokenCursor.keywordsAt(t, at, "TO")) return tx("ROLLBACK TO");
        return tx("ROLLBACK");
    }

    private static String word(Token t) {
        return SqlText.asciiUpper(t.text());
    }

    private static Classification dml(String kind) {
        return new Classification(StatementCategory.DML, kind);
    }

    private static Classification ddl(String kind) {
        return new Classification(StatementCategory.DDL, kind);
    }

    private static Classification query(String kind) {
        return new Classification(StatementCategory.QUERY, kind);
    }

    private static Classification tx(String kind) {
        return new Classification(StatementCategory.TRANSACTION_CONTROL, kind);
    }

    private static Classification session(String kind) {
        return new Classification(StatementCategory.SESSION, kind);
    }

    private static Classification utility(String kind) {
        return new Classification(StatementCategory.UTILITY, kind);
    }
}

package io.dsqlkit.migrate.schema;

import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a migration into statements (with the shared SQL splitter) and decides how each one runs. */
public final class StepPlanner {
    /** Comment directive that turns the next UPDATE/DELETE into a chunked, resumable backfill. */
    public static final String BATCH_DIRECTIVE = "dsqlkit:batch";
    /** Comment directive that marks a statement as destructive (needs confirmation) even if it does not look it. */
    public static final String DESTRUCTIVE_DIRECTIVE = "dsqlkit:destructive";
    /** Comment directive before a SELECT that must return true (e.g. a row-count check before a swap). */
    public static final String ASSERT_DIRECTIVE = "dsqlkit:assert";

    private StepPlanner() {}

    /**
     * The statements of a migration as steps. {@code BEGIN; <one statement>; COMMIT;} blocks (what
     * {@code dsqlkit lint --fix} writes when it splits a transaction) are accepted and dropped: each
     * statement runs in its own transaction anyway. A block of several statements is refused, since
     * running them one by one would silently give up their atomicity.
     */
    public static List<MigrationStep> steps(MigrationFile file) {
        List<MigrationStep> steps = new ArrayList<>();
        Statement openBlock = null;
        int inBlock = 0;
        for (Statement s : ScriptSplitter.split(file.content())) {
            if (s.category() == StatementCategory.EMPTY) continue;
            if (s.category() == StatementCategory.TRANSACTION_CONTROL) {
                String k = s.kind() == null ? "" : s.kind().toUpperCase(Locale.ROOT);
                if ((k.equals("BEGIN") || k.equals("START TRANSACTION")) && openBlock == null) {
                    openBlock = s;
                    inBlock = 0;
                    continue;
                }
                if ((k.equals("COMMIT") || k.equals("END")) && openBlock != null) {
                    openBlock = null;
                    continue;
                }
                throw new MigrationException(file.fileName() + " line " + line(s) + ": '" + s.sql() + "' is not allowed in a "
                        + "migration: dsqlkit runs every statement in its own transaction, because DSQL allows one DDL per "
                        + "transaction and no DDL with DML (dsql-facts §1.2); remove BEGIN/COMMIT");
            }
            if (openBlock != null && ++inBlock > 1) {
                throw new MigrationException(file.fileName() + " line " + line(openBlock) + ": a transaction block with more "
                        + "than one statement: dsqlkit runs every statement in its own transaction (DSQL allows one DDL per "
                        + "transaction and no DDL with DML, dsql-facts §1.2), so the block would not be atomic; remove "
                        + "BEGIN/COMMIT, or keep one statement per BEGIN ... COMMIT");
            }
            String leading = leadingTrivia(s);
            boolean batchDirective = leading.contains(BATCH_DIRECTIVE);
            StepKind kind = kind(s, batchDirective);
            BatchSpec batch = null;
            if (kind == StepKind.BATCHED_DML) {
                batch = parseBatch(file, s);
            }
            boolean destructive = leading.contains(DESTRUCTIVE_DIRECTIVE) || destructive(s);
            boolean assertion = leading.contains(ASSERT_DIRECTIVE);
            if (assertion && s.category() != StatementCategory.QUERY) {
                throw new MigrationException(file.fileName() + " line " + line(s) + ": -- " + ASSERT_DIRECTIVE
                        + " must precede a SELECT that returns one boolean");
            }
            steps.add(new MigrationStep(steps.size(), s.sql(), kind, s.kind(), destructive, batch, line(s), assertion));
        }
        if (openBlock != null) {
            throw new MigrationException(file.fileName() + " line " + line(openBlock) + ": '" + openBlock.sql()
                    + "' is never committed: end the block with COMMIT, or remove BEGIN (each statement runs in its own transaction)");
        }
        return steps;
    }

    private static int line(Statement s) {
        Token t = s.first();
        return t == null ? 1 : t.line();
    }

    private static String leadingTrivia(Statement s) {
        StringBuilder sb = new StringBuilder();
        for (Token t : s.tokens()) {
            if (!t.isTrivia()) break;
            sb.append(t.text());
        }
        return sb.toString();
    }

    static StepKind kind(Statement s, boolean batchDirective) {
        List<Token> sig = s.significant();
        String k = s.kind() == null ? "" : s.kind().toUpperCase(Locale.ROOT);
        if (s.category() == StatementCategory.DDL) {
            boolean async = sig.size() > 2 && (k.startsWith("CREATE") && sig.stream().limit(5).anyMatch(t -> t.isKeyword("ASYNC"))
                    || k.startsWith("ALTER TABLE") && sig.get(2).isKeyword("ASYNC"));
            return async ? StepKind.ASYNC_DDL : StepKind.DDL;
        }
        if (s.category() == StatementCategory.DML) {
            boolean chunkable = !sig.isEmpty() && sig.get(0).isAnyKeyword("UPDATE", "DELETE", "INSERT");
            return batchDirective && chunkable ? StepKind.BATCHED_DML : StepKind.DML;
        }
        if (s.category() == StatementCategory.QUERY) return StepKind.DML;
        if (s.category() == StatementCategory.SESSION) return StepKind.SESSION;
        return StepKind.UTILITY;
    }

    static boolean destructive(Statement s) {
        List<Token> sig = s.significant();
        if (sig.isEmpty()) return false;
        if (sig.get(0).isAnyKeyword("DROP", "TRUNCATE")) return true;
        if (sig.get(0).isKeyword("DELETE")) return sig.stream().noneMatch(t -> t.isKeyword("WHERE"));
        if (sig.get(0).isKeyword("ALTER")) {
            for (int i = 1; i < sig.size(); i++) if (sig.get(i).isKeyword("DROP") && i + 1 < sig.size()
                    && !sig.get(i + 1).isAnyKeyword("DEFAULT", "NOT", "EXPRESSION", "IDENTITY", "CONSTRAINT")) return true;
        }
        return false;
    }

    /** {@code UPDATE t SET ... [WHERE ...]} or {@code DELETE FROM t [WHERE ...]} with one unaliased table. */
    static BatchSpec parseBatch(MigrationFile file, Statement s) {
        List<Token> sig = s.significant();
        String sql = s.sql();
        int base = sig.get(0).offset();
        if (sig.get(0).isKeyword("INSERT")) return parseCopy(file, s, sig, sql, base);
        boolean update = sig.get(0).isKeyword("UPDATE");
        int i = 1;
        if (!update) {
            if (sig.size() < 2 || !sig.get(1).isKeyword("FROM")) throw badBatch(file, s);
            i = 2;
        }
        if (i < sig.size() && sig.get(i).isKeyword("ONLY")) i++;
        StringBuilder table = new StringBuilder();
        while (i < sig.size() && (sig.get(i).is(TokenType.IDENTIFIER) || sig.get(i).is(TokenType.QUOTED_IDENTIFIER)
                || sig.get(i).is(TokenType.DOT)) && !sig.get(i).isAnyKeyword("SET", "WHERE")) {
            table.append(sig.get(i).is(TokenType.DOT) ? "." : sig.get(i).identifierValue());
            i++;
        }
        if (table.isEmpty()) throw badBatch(file, s);
        int setStart = -1;
        if (update) {
            if (i >= sig.size() || !sig.get(i).isKeyword("SET")) throw badBatch(file, s);
            setStart = sig.get(i).end() - base;
            i++;
        } else if (i < sig.size() && !sig.get(i).isKeyword("WHERE")) {
            throw badBatch(file, s);
        }
        int depth = 0;
        int whereAt = -1;
        for (; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.is(TokenType.LPAREN)) depth++;
            else if (t.is(TokenType.RPAREN)) depth--;
            else if (depth == 0 && t.isAnyKeyword("FROM", "USING", "RETURNING")) throw badBatch(file, s);
            else if (depth == 0 && t.isKeyword("WHERE")) {
                whereAt = i;
                break;
            }
        }
        String set = update ? (whereAt < 0 ? sql.substring(setStart) : sql.substring(setStart, sig.get(whereAt).offset() - base)).strip() : null;
        String where = whereAt < 0 ? null : sql.substring(sig.get(whereAt).end() - base).strip();
        return new BatchSpec(table.toString(), set, where, BatchSpec.DEFAULT_CHUNK, null);
    }

    /** {@code INSERT INTO target (cols) SELECT list FROM source [WHERE ...]}: a copy walked by the source's primary key. */
    private static BatchSpec parseCopy(MigrationFile file, Statement s, List<Token> sig, String sql, int base) {
        int i = 1;
        if (sig.size() < 3 || !sig.get(1).isKeyword("INTO")) throw badBatch(file, s);
        i = 2;
        StringBuilder target = new StringBuilder();
        while (i < sig.size() && (sig.get(i).is(TokenType.IDENTIFIER) || sig.get(i).is(TokenType.QUOTED_IDENTIFIER)
                || sig.get(i).is(TokenType.DOT)) && !sig.get(i).isKeyword("SELECT")) {
            target.append(sig.get(i).is(TokenType.DOT) ? "." : sig.get(i).identifierValue());
            i++;
        }
        if (target.isEmpty() || i >= sig.size() || !sig.get(i).is(TokenType.LPAREN)) throw badBatch(file, s);
        int colsStart = sig.get(i).end() - base;
        int depth = 0;
        int colsEnd = -1;
        for (; i < sig.size(); i++) {
            if (sig.get(i).is(TokenType.LPAREN)) depth++;
            else if (sig.get(i).is(TokenType.RPAREN) && --depth == 0) {
                colsEnd = sig.get(i).offset() - base;
                i++;
                break;
            }
        }
        if (colsEnd < 0 || i >= sig.size() || !sig.get(i).isKeyword("SELECT")) throw badBatch(file, s);
        int listStart = sig.get(i).end() - base;
        depth = 0;
        int from = -1;
        for (i++; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.is(TokenType.LPAREN)) depth++;
            else if (t.is(TokenType.RPAREN)) depth--;
            else if (depth == 0 && t.isKeyword("FROM")) {
                from = i;
                break;
            }
        }
        if (from < 0 || from + 1 >= sig.size()) throw badBatch(file, s);
        i = from + 1;
        StringBuilder source = new StringBuilder();
        while (i < sig.size() && (sig.get(i).is(TokenType.IDENTIFIER) || sig.get(i).is(TokenType.QUOTED_IDENTIFIER)
                || sig.get(i).is(TokenType.DOT)) && !sig.get(i).isKeyword("WHERE")) {
            source.append(sig.get(i).is(TokenType.DOT) ? "." : sig.get(i).identifierValue());
            i++;
        }
        if (source.isEmpty() || i < sig.size() && !sig.get(i).isKeyword("WHERE")) throw badBatch(file, s);
        String where = i < sig.size() ? sql.substring(sig.get(i).end() - base).strip() : null;
        return BatchSpec.copy(source.toString(), target.toString(), sql.substring(colsStart, colsEnd).strip(),
                sql.substring(listStart, sig.get(from).offset() - base).strip(), where);
    }

    private static MigrationException badBatch(MigrationFile file, Statement s) {
        return new MigrationException(file.fileName() + " line " + line(s) + ": -- " + BATCH_DIRECTIVE + " needs a plain "
                + "'UPDATE <table> SET ... [WHERE ...]', 'DELETE FROM <table> [WHERE ...]' or 'INSERT INTO <table> (<columns>) "
                + "SELECT ... FROM <table> [WHERE ...]' (no alias, join, USING or RETURNING), so it can be walked by primary key");
    }
}

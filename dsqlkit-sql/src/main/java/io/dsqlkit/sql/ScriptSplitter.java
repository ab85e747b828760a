package io.dsqlkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons, and classifies each.
 *
 * <p>Follows psql ({@code src/fe_utils/psqlscan.l}): a semicolon ends a statement unless it is inside
 * parentheses, a literal, a comment or a dollar quote, or inside the {@code BEGIN ... END} body of a
 * statement that starts {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (SQL-standard bodies,
 * {@code BEGIN ATOMIC}), where {@code CASE ... END} nests too. psql backslash meta-commands are not
 * special here: they lex as ordinary (UNKNOWN) tokens.
 */
public final class ScriptSplitter {
    private ScriptSplitter() {}

    /**
     * The statements of {@code script}. Trailing trivia after the last semicolon forms a final
     * EMPTY statement, so joining all texts gives back the script. BEGIN ATOMIC ... END bodies
     * stay one statement.
     */
    public static List<Statement> split(String script) {
        return split(script, Lexer.tokenize(script == null ? "" : script));
    }

    /** Splits already-lexed {@code tokens} of {@code script} (as returned by {@link Lexer#tokenize}). */
    public static List<Statement> split(String script, List<Token> tokens) {
        List<Statement> out = new ArrayList<>();
        int n = tokens.size();
        int stmtStart = 0;
        int parenDepth = 0;
        int beginDepth = 0;
        // psql's identifier heuristic: the first words of the statement, remembering only the initials
        // of CREATE / OR / REPLACE / FUNCTION / PROCEDURE.
        int identCount = 0;
        char[] initials = new char[4];
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            switch (t.type()) {
                case LPAREN -> parenDepth++;
                case RPAREN -> {
                    if (parenDepth > 0) parenDepth--;
                }
                case IDENTIFIER -> {
                    String x = t.text();
                    if (identCount < initials.length && isRoutineHeadWord(x)) {
                        initials[identCount] = Character.toLowerCase(x.charAt(0));
                    }
                    identCount++;
                    if (parenDepth == 0 && initials[0] == 'c'
                            && (initials[1] == 'f' || initials[1] == 'p'
                            || (initials[1] == 'o' && initials[2] == 'r' && (initials[3] == 'f' || initials[3] == 'p')))) {
                        if (x.equalsIgnoreCase("begin")) beginDepth++;
                        else if (x.equalsIgnoreCase("case")) {
                            if (beginDepth >= 1) beginDepth++;
                        } else if (x.equalsIgnoreCase("end")) {
                            if (beginDepth > 0) beginDepth--;
                        }
                    }
                }
                case SEMICOLON -> {
                    if (parenDepth == 0 && beginDepth == 0) {
                        out.add(statement(script, tokens, stmtStart, i + 1, true));
                        stmtStart = i + 1;
                        identCount = 0;
                        initials[0] = initials[1] = initials[2] = initials[3] = 0;
                    }
                }
                default -> { }
            }
        }
        if (stmtStart < n) out.add(statement(script, tokens, stmtStart, n, false));
        return out;
    }

    private static boolean isRoutineHeadWord(String x) {
        return x.equalsIgnoreCase("create") || x.equalsIgnoreCase("function") || x.equalsIgnoreCase("procedure")
                || x.equalsIgnoreCase("or") || x.equalsIgnoreCase("replace");
    }

    private static Statement statement(String script, List<Token> tokens, int from, int to, boolean terminated) {
        List<Token> own = tokens.subList(from, to);
        int offset = own.get(0).offset();
        int end = own.get(own.size() - 1).end();
        List<Token> significant = new ArrayList<>();
        for (Token t : own) if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) significant.add(t);
        StatementClassifier.Classification c = StatementClassifier.classify(significant);
        return new Statement(script.substring(offset, end), offset, own, c.category(), c.kind(), terminated);
    }
}

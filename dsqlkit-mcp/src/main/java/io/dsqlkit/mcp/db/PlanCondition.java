package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.SqlText;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition or expression as EXPLAIN VERBOSE deparses it (e.g. {@code ((o.tenant_id)::text = 't1'::text)}),
 * read with the real lexer: strings, quoted identifiers ({@code "q'"}), dollar quotes and comments are
 * tokens, so no quote inside a name or a value can shift what is seen as an operator or a parenthesis.
 */
final class PlanCondition {
    private PlanCondition() {}

    static List<Token> tokens(String deparsed) {
        return Lexer.tokenize(deparsed).stream().filter(t -> !t.isTrivia()).toList();
    }

    /** Top-level AND conjuncts, each without its enclosing parentheses. */
    static List<List<Token>> conjuncts(List<Token> expr) {
        List<Token> e = stripParens(expr);
        List<List<Token>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < e.size(); i++) {
            Token t = e.get(i);
            if (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET)) depth++;
            else if (t.is(TokenType.RPAREN) || t.is(TokenType.RBRACKET)) depth--;
            else if (depth == 0 && t.isKeyword("AND") && !betweenAnd(e, start, i)) {
                out.add(stripParens(e.subList(start, i)));
                start = i + 1;
            }
        }
        out.add(stripParens(e.subList(start, e.size())));
        return out;
    }

    /** {@code x BETWEEN a AND b}: that AND is not a conjunction. */
    private static boolean betweenAnd(List<Token> e, int from, int andAt) {
        int depth = 0;
        for (int i = andAt - 1; i >= from; i--) {
            Token t = e.get(i);
            if (t.is(TokenType.RPAREN)) depth++;
            else if (t.is(TokenType.LPAREN)) depth--;
            else if (depth == 0 && t.isKeyword("BETWEEN")) return true;
            else if (depth == 0 && t.isKeyword("AND")) return false;
        }
        return false;
    }

    /** {@code [left, right]} of a conjunct that is exactly one top-level {@code =}, else null. */
    static List<List<Token>> equality(List<Token> conjunct) {
        int depth = 0;
        int found = -1;
        for (int i = 0; i < conjunct.size(); i++) {
            Token t = conjunct.get(i);
            if (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET)) depth++;
            else if (t.is(TokenType.RPAREN) || t.is(TokenType.RBRACKET)) depth--;
            else if (depth == 0 && t.is(TokenType.OPERATOR)) {
                if (!t.text().equals("=") || found >= 0) return null; // another operator: not a plain equality
                found = i;
            } else if (depth == 0 && t.is(TokenType.IDENTIFIER) && isLogical(t)) {
                return null;
            }
        }
        if (found <= 0 || found == conjunct.size() - 1) return null;
        return List.of(strip(conjunct.subList(0, found)), strip(conjunct.subList(found + 1, conjunct.size())));
    }

    private static boolean isLogical(Token t) {
        return t.isAnyKeyword("OR", "AND", "NOT", "IS", "IN", "LIKE", "ILIKE", "SIMILAR", "BETWEEN", "ANY", "ALL", "CASE", "DISTINCT");
    }

    /** Removes enclosing parentheses and trailing casts ({@code ::text}, {@code ::character varying(64)}). */
    static List<Token> strip(List<Token> expr) {
        List<Token> e = stripParens(expr);
        while (true) {
            int cast = lastTopLevelCast(e);
            if (cast <= 0) return e;
            e = stripParens(e.subList(0, cast));
        }
    }

    /** Index of a top-level {@code ::} followed only by a type name, or -1. */
    private static int lastTopLevelCast(List<Token> e) {
        int depth = 0;
        for (int i = e.size() - 1; i >= 0; i--) {
            Token t = e.get(i);
            if (t.is(TokenType.RPAREN) || t.is(TokenType.RBRACKET)) depth++;
            else if (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET)) depth--;
            else if (depth == 0 && t.is(TokenType.TYPECAST)) return i;
            else if (depth == 0 && !(t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER) || t.is(TokenType.DOT)
                    || t.is(TokenType.NUMBER) || t.is(TokenType.COMMA))) {
                return -1;
            }
        }
        return -1;
    }

    static List<Token> stripParens(List<Token> e) {
        List<Token> x = e;
        while (x.size() >= 2 && x.get(0).is(TokenType.LPAREN) && x.get(x.size() - 1).is(TokenType.RPAREN) && matching(x) == x.size() - 1) {
            x = x.subList(1, x.size() - 1);
        }
        return x;
    }

    private static int matching(List<Token> e) {
        int depth = 0;
        for (int i = 0; i < e.size(); i++) {
            if (e.get(i).is(TokenType.LPAREN)) depth++;
            else if (e.get(i).is(TokenType.RPAREN) && --depth == 0) return i;
        }
        return -1;
    }

    /** {@code [qualifier, column]} when the expression is exactly a column reference ({@code c} or {@code q.c}); else null. */
    static String[] columnRef(List<Token> e) {
        boolean name0 = e.size() >= 1 && isName(e.get(0));
        if (e.size() == 1 && name0) return new String[] {null, e.get(0).identifierValue()};
        if (e.size() == 3 && name0 && e.get(1).is(TokenType.DOT) && isName(e.get(2))) {
            return new String[] {e.get(0).identifierValue(), e.get(2).identifierValue()};
        }
        return null;
    }

    private static boolean isName(Token t) {
        return t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER);
    }

    /** The value of a lone string literal, number or {@code $n} placeholder; null for anything else. */
    static Token constant(List<Token> e) {
        if (e.size() != 1) return null;
        Token t = e.get(0);
        return t.is(TokenType.STRING) || t.is(TokenType.NUMBER) || t.is(TokenType.PARAMETER) ? t : null;
    }

    static String stringValue(Token t) {
        return SqlText.stringValue(t);
    }
}

package io.dsqlkit.migrate.declarative;

import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical forms so a type or expression written in a file compares equal to what the catalog
 * prints for it ({@code format_type}, {@code pg_get_expr}, {@code pg_get_viewdef}).
 */
public final class Normalize {
    private Normalize() {}

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"), Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"), Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
            Map.entry("double precision", "double precision"), Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("varchar", "character varying"), Map.entry("character varying", "character varying"),
            Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("bpchar", "character"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("time without time zone", "time without time zone"));

    private static final Pattern TYPE = Pattern.compile("([a-z0-9 ]+?)\\s*(\\(\\s*[-0-9]+\\s*(?:,\\s*[-0-9]+\\s*)?\\))?"
            + "(\\s+with(?:out)? time zone)?");

    /** {@code varchar(20)} -> {@code character varying(20)}, {@code timestamptz} -> {@code timestamp with time zone}, ... */
    public static String type(String written) {
        String t = written.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("pg_catalog.", "");
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) return t;
        String base = m.group(1).trim();
        String mod = m.group(2) == null ? "" : m.group(2).replaceAll("\\s+", "");
        String zone = m.group(3) == null ? "" : m.group(3).trim();
        String full = zone.isEmpty() ? base : base + " " + zone;
        String canon = TYPES.getOrDefault(full, TYPES.getOrDefault(base, base));
        if (canon.equals("character") && mod.isEmpty()) mod = "(1)";
        if (canon.startsWith("timestamp ") || canon.startsWith("time ")) {
            int sp = canon.indexOf(' ');
            return canon.substring(0, sp) + mod + canon.substring(sp);
        }
        return canon + mod;
    }

    /**
     * A comparison key of an expression: casts, parentheses, case of keywords and names, and
     * whitespace dropped; numeric strings unquoted ({@code '-1'::integer} = {@code -1}). Two
     * expressions differing only in those compare equal (docs/schema.md says so).
     */
    public static String expr(String sql) {
        if (sql == null) return null;
        List<Token> toks = Lexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.is(TokenType.TYPECAST)) {
                i = skipType(toks, i + 1) - 1;
                continue;
            }
            if (t.is(TokenType.LPAREN) || t.is(TokenType.RPAREN) || t.is(TokenType.SEMICOLON)) continue;
            String text;
            if (t.is(TokenType.STRING) && t.text().matches("'-?[0-9]+(\\.[0-9]+)?'")) text = t.text().substring(1, t.text().length() - 1);
            else if (t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER)) text = t.identifierValue();
            else if (t.is(TokenType.OPERATOR) && t.text().equals("!=")) text = "<>";
            else text = t.text();
            if (text.equalsIgnoreCase("pg_catalog") && i + 1 < toks.size() && toks.get(i + 1).is(TokenType.DOT)) {
                i++;
                continue;
            }
            sb.append(text).append(' ');
        }
        return sb.toString().trim().replace("- ", "-");
    }

    /** Index just past the type name after {@code ::} (words, a modifier in parentheses, {@code []}). */
    private static int skipType(List<Token> toks, int i) {
        while (i < toks.size() && (toks.get(i).is(TokenType.IDENTIFIER) || toks.get(i).is(TokenType.QUOTED_IDENTIFIER)
                || toks.get(i).is(TokenType.DOT))) {
            i++;
            if (i < toks.size() && toks.get(i).is(TokenType.LPAREN)) {
                while (i < toks.size() && !toks.get(i).is(TokenType.RPAREN)) i++;
                i++;
            }
            if (i < toks.size() && toks.get(i).is(TokenType.LBRACKET)) i += 2;
            if (i < toks.size() && toks.get(i - 1).is(TokenType.IDENTIFIER) && toks.get(i).is(TokenType.IDENTIFIER)
                    && !toks.get(i).isAnyKeyword("precision", "varying", "with", "without", "time", "zone")) break;
        }
        return i;
    }

    public static boolean sameExpr(String a, String b) {
        return java.util.Objects.equals(expr(a), expr(b));
    }
}

package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A type name as written in a column definition, parsed the way PostgreSQL's {@code Typename}
 * grammar reads it: multi-word names ({@code double precision}, {@code character varying},
 * {@code timestamp with time zone}, {@code bit varying}), an optional schema, typmods in parentheses,
 * and array bounds ({@code int[]}, {@code int[3][3]}, {@code integer ARRAY}, {@code integer ARRAY[4]}).
 *
 * @param start        index of the first token of the type
 * @param end          index after the last token of the type (array bounds included)
 * @param schema       the qualifying schema as folded, or null
 * @param written      the base name as written, lower-cased, words joined by one space (e.g. {@code int4},
 *                     {@code character varying}, {@code serial}, {@code _int4}); quoted names keep their case
 * @param quoted       whether the base name was a quoted identifier ({@code "char"} is not {@code char})
 * @param typmods      the texts of the typmod list ({@code varchar(20)} gives {@code ["20"]}); empty when none
 * @param typmodsOpen  index of the typmods' {@code (}, or -1
 * @param nameEnd      index after the base name and its typmods (and {@code WITH TIME ZONE}), before array bounds
 * @param arrayDims    number of {@code []} / {@code ARRAY} bounds written (0 when not an array)
 */
public record TypeName(int start, int end, String schema, String written, boolean quoted, List<String> typmods,
                       int typmodsOpen, int nameEnd, int arrayDims) {

    public TypeName {
        typmods = List.copyOf(typmods);
    }

    /** The element type's canonical name ({@code int4} gives {@code integer}), without array brackets. */
    public String canonical() {
        if (quoted) return written;
        String c = PgTypes.canonical(written, typmods);
        return c.endsWith("[]") ? c.substring(0, c.length() - 2) : c;
    }

    /** True for {@code t[]}, {@code t ARRAY} or an internal array name like {@code _int4}. */
    public boolean isArray() {
        return arrayDims > 0 || (!quoted && PgTypes.canonical(written, typmods).endsWith("[]"));
    }

    /** The name PostgreSQL's {@code format_type_be} prints: {@code integer}, {@code integer[]}, {@code bit varying}. */
    public String displayName() {
        return isArray() ? canonical() + "[]" : canonical();
    }

    /** The first integer typmod ({@code varchar(20)} gives 20), or null. */
    public Long firstTypmod() {
        if (typmods.isEmpty()) return null;
        try {
            return Long.parseLong(typmods.get(0).replace("_", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Token first(List<Token> t) {
        return t.get(start);
    }

    public Token last(List<Token> t) {
        return t.get(end - 1);
    }

    private static final String[] INTERVAL_FIELDS = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};

    /** Parses a type name starting at token {@code i}; null when no type name starts there. */
    public static TypeName parse(List<Token> t, int i) {
        if (!Tokens.isName(t, i)) return null;
        int start = i;
        String schema = null;
        int pos = i;
        // schema.name (and db.schema.name, which PostgreSQL accepts syntactically)
        while (Tokens.isType(t, pos + 1, TokenType.DOT) && Tokens.isName(t, pos + 2)) {
            schema = Tokens.folded(t.get(pos));
            pos += 2;
        }
        Token base = t.get(pos);
        boolean quoted = base.type() == TokenType.QUOTED_IDENTIFIER;
        String written = quoted ? Tokens.folded(base) : base.text().toLowerCase(Locale.ROOT);
        pos++;
        if (!quoted && schema == null) {
            int p = pos;
            switch (written) {
                case "double" -> {
                    if (Tokens.is(t, p, "PRECISION")) {
                        written = "double precision";
                        pos = p + 1;
                    }
                }
                case "character", "char", "nchar" -> {
                    if (Tokens.is(t, p, "VARYING")) {
                        written = written + " varying";
                        pos = p + 1;
                    }
                }
                case "national" -> {
                    if (Tokens.is(t, p, "CHARACTER") || Tokens.is(t, p, "CHAR")) {
                        written = "national " + t.get(p).text().toLowerCase(Locale.ROOT);
                        pos = p + 1;
                        if (Tokens.is(t, pos, "VARYING")) {
                            written += " varying";
                            pos++;
                        }
                    }
                }
                case "bit" -> {
                    if (Tokens.is(t, p, "VARYING")) {
                        written = "bit varying";
                        pos = p + 1;
                    }
                }
                case "interval" -> {
                    while (Tokens.is(t, pos, "TO") || isIntervalField(t, pos)) pos++;
                }
                default -> { }
            }
        }
        List<String> typmods = new ArrayList<>();
        int typmodsOpen = -1;
        if (Tokens.isType(t, pos, TokenType.LPAREN)) {
            int close = Tokens.close(t, pos);
            if (close < 0) return new TypeName(start, t.size(), schema, written, quoted, typmods, pos, t.size(), 0);
            typmodsOpen = pos;
            for (Range r : Tokens.splitTopLevel(t, pos + 1, close)) {
                StringBuilder sb = new StringBuilder();
                for (int k = r.from(); k < r.to(); k++) sb.append(t.get(k).text());
                typmods.add(sb.toString());
            }
            pos = close + 1;
        }
        if (!quoted && schema == null && (written.equals("time") || written.equals("timestamp"))) {
            if (Tokens.at(t, pos, "WITH", "TIME", "ZONE")) {
                written += " with time zone";
                pos += 3;
            } else if (Tokens.at(t, pos, "WITHOUT", "TIME", "ZONE")) {
                written += " without time zone";
                pos += 3;
            }
        }
        int nameEnd = pos;
        int dims = 0;
        while (true) {
            if (Tokens.isType(t, pos, TokenType.LBRACKET)) {
                int close = Tokens.close(t, pos);
                if (close < 0) break;
                dims++;
                pos = close + 1;
            } else if (Tokens.is(t, pos, "ARRAY")) {
                dims++;
                pos++;
                if (Tokens.isType(t, pos, TokenType.LBRACKET)) {
                    int close = Tokens.close(t, pos);
                    if (close < 0) break;
                    pos = close + 1;
                }
            } else {
                break;
            }
        }
        return new TypeName(start, pos, schema, written, quoted, typmods, typmodsOpen, nameEnd, dims);
    }

    private static boolean isIntervalField(List<Token> t, int i) {
        for (String f : INTERVAL_FIELDS) if (Tokens.is(t, i, f)) return true;
        return false;
    }
}

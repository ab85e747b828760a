package io.dsqlkit.migrate.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the two shapes this module reads: one JSON-lines record (a flat object
 * whose nested objects/arrays are kept as JSON text, ready for json/jsonb columns) and the
 * relationships file. Errors carry the character offset.
 */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /** Parses any JSON value: Map, List, String, java.math.BigDecimal, Boolean or null. */
    public static Object parse(String text) {
        Json j = new Json(text);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.i != text.length()) throw j.error("unexpected text after the value");
        return v;
    }

    /**
     * One JSON-lines record as column to text value: strings unescaped, numbers and booleans as
     * written, null as Java null, nested objects/arrays as their JSON text.
     */
    public static Map<String, String> flatObject(String line) {
        Json j = new Json(line);
        j.ws();
        if (j.peek() != '{') throw j.error("a JSON-lines record must be an object");
        j.i++;
        Map<String, String> out = new LinkedHashMap<>();
        j.ws();
        if (j.peek() == '}') {
            j.i++;
            return out;
        }
        while (true) {
            j.ws();
            String key = j.string();
            j.ws();
            j.expect(':');
            j.ws();
            int start = j.i;
            Object v = j.value();
            String text;
            if (v == null) text = null;
            else if (v instanceof String str) text = str;
            else if (v instanceof Map || v instanceof List) text = line.substring(start, j.i);
            else text = line.substring(start, j.i).trim();
            if (out.containsKey(key)) throw j.error("duplicate key \"" + key + "\"");
            out.put(key, text);
            j.ws();
            char c = j.next();
            if (c == '}') break;
            if (c != ',') throw j.error("expected ',' or '}'");
        }
        j.ws();
        if (j.i != line.length()) throw j.error("unexpected text after the object");
        return out;
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek() == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    ws();
                    m.put(k, value());
                    ws();
                    char n = next();
                    if (n == '}') return m;
                    if (n != ',') throw error("expected ',' or '}'");
                }
            }
            case '[' -> {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek() == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    char n = next();
                    if (n == ']') return l;
                    if (n != ',') throw error("expected ',' or ']'");
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (s.startsWith("true", i)) {
                    i += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", i)) {
                    i += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("null", i)) {
                    i += 4;
                    return null;
                }
                int start = i;
                while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                if (start == i) throw error("unexpected character '" + c + "'");
                try {
                    return new java.math.BigDecimal(s.substring(start, i));
                } catch (NumberFormatException e) {
                    throw error("bad number " + s.substring(start, i));
                }
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("bad \\u escape");
                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private char peek() {
        if (i >= s.length()) throw error("unexpected end of input");
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        i++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at character " + (i + 1) + ": " + what);
    }
}

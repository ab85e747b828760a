package io.dsqlkit.sql;

/** Helpers over token text. */
public final class SqlText {
    private SqlText() {}

    /**
     * The name {@code t} denotes as PostgreSQL folds it: unquoted identifiers lower-cased (ASCII letters
     * only, as the server does for multi-byte encodings such as UTF-8), quoted identifiers unquoted
     * with {@code ""} collapsed and {@code U&"..."} escapes decoded (default escape character
     * {@code \}); other tokens as written. Identifiers are not truncated to NAMEDATALEN.
     */
    public static String identifierValue(Token t) {
        String x = t.text();
        return switch (t.type()) {
            case IDENTIFIER -> asciiLower(x);
            case QUOTED_IDENTIFIER -> {
                boolean unicode = x.length() >= 2 && (x.charAt(0) == 'u' || x.charAt(0) == 'U') && x.charAt(1) == '&';
                String body = body(x, unicode ? 3 : 1, t.unterminated(), '"');
                yield unicode ? decodeUnicodeEscapes(body, '\\') : body;
            }
            default -> x;
        };
    }

    /**
     * The value of a string literal token: {@code '...'} and {@code N'...'} with {@code ''} collapsed,
     * {@code E'...'} with backslash escapes decoded, {@code U&'...'} with Unicode escapes decoded
     * (escape {@code \}), {@code $tag$...$tag$} bodies verbatim, {@code B'...'}/{@code X'...'} digits as
     * written. Other tokens: their text. Never throws; malformed escapes are kept as written.
     */
    public static String stringValue(Token t) {
        String x = t.text();
        if (t.type() == TokenType.DOLLAR_STRING) {
            int tagEnd = x.indexOf('$', 1) + 1;
            int bodyEnd = t.unterminated() ? x.length() : x.length() - tagEnd;
            return bodyEnd < tagEnd ? "" : x.substring(tagEnd, bodyEnd);
        }
        if (t.type() != TokenType.STRING || x.isEmpty()) return x;
        char c = x.charAt(0);
        if (c == '\'') return body(x, 1, t.unterminated(), '\'');
        if (c == 'e' || c == 'E') return decodeBackslashEscapes(body(x, 2, t.unterminated(), '\''));
        if (c == 'n' || c == 'N') return body(x, 2, t.unterminated(), '\'');
        if (c == 'u' || c == 'U') return decodeUnicodeEscapes(body(x, 3, t.unterminated(), '\''), '\\');
        int end = t.unterminated() ? x.length() : x.length() - 1;
        return end < 2 ? "" : x.substring(2, end);
    }

    /** Equality ignoring the case of ASCII letters only (key word matching as PostgreSQL's scanner does it). */
    public static boolean equalsIgnoreAsciiCase(String a, String b) {
        int n = a.length();
        if (n != b.length()) return false;
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x == y) continue;
            if (x >= 'A' && x <= 'Z') x = (char) (x + ('a' - 'A'));
            if (y >= 'A' && y <= 'Z') y = (char) (y + ('a' - 'A'));
            if (x != y) return false;
        }
        return true;
    }

    /** ASCII-only upper-casing. */
    public static String asciiUpper(String x) {
        int n = x.length();
        char[] a = null;
        for (int i = 0; i < n; i++) {
            char c = x.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (a == null) a = x.toCharArray();
                a[i] = (char) (c - ('a' - 'A'));
            }
        }
        return a == null ? x : new String(a);
    }

    /** ASCII-only lower-casing, PostgreSQL's downcase_identifier for UTF-8. */
    public static String asciiLower(String x) {
        int i = 0;
        int n = x.length();
        while (i < n) {
            char c = x.charAt(i);
            if (c >= 'A' && c <= 'Z') break;
            i++;
        }
        if (i == n) return x;
        char[] a = x.toCharArray();
        for (; i < n; i++) {
            char c = a[i];
            if (c >= 'A' && c <= 'Z') a[i] = (char) (c + ('a' - 'A'));
        }
        return new String(a);
    }

    /**
     * Quotes {@code name} as an identifier when PostgreSQL would not read it back unchanged unquoted.
     * This and {@link #quoteIdentifier} are the only identifier-quoting rules in dsqlkit, and
     * {@link #quoteLiteral} the only string-literal one.
     */
    public static String quoteIdentifierIfNeeded(String name) {
        boolean plain = !name.isEmpty() && ((name.charAt(0) >= 'a' && name.charAt(0) <= 'z') || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
        }
        if (plain && !Keywords.isReserved(name)) return name;
        return quoteIdentifier(name);
    }

    /** Always quotes {@code name} as an identifier ({@code "a""b"}), for SQL built from catalog names. */
    public static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code text} as a {@code --} line comment: every line break (CR, LF and the other vertical separators)
     * becomes a space, so text a user typed (a table name, a description) cannot end the comment and put SQL
     * on the next line.
     */
    public static String lineComment(String text) {
        return "-- " + text.replaceAll("[\\r\\n\\u000B\\u000C\\u0085\\u2028\\u2029]", " ");
    }

    /** {@code value} as a standard string literal ({@code 'it''s'}; standard_conforming_strings is on in DSQL and PostgreSQL). */
    public static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Text between the opening delimiter (ending at {@code from}) and the closing quote, doubled quotes collapsed. */
    private static String body(String x, int from, boolean unterminated, char quote) {
        int end = unterminated ? x.length() : x.length() - 1;
        if (end <= from) return "";
        StringBuilder b = null;
        int i = from;
        while (i < end) {
            char c = x.charAt(i);
            if (c == quote && i + 1 < end && x.charAt(i + 1) == quote) {
                if (b == null) b = new StringBuilder(x.length()).append(x, from, i);
                b.append(quote);
                i += 2;
                continue;
            }
            if (b != null) b.append(c);
            i++;
        }
        return b == null ? x.substring(from, end) : b.toString();
    }

    private static String decodeBackslashEscapes(String x) {
        if (x.indexOf('\\') < 0) return x;
        StringBuilder b = new StringBuilder(x.length());
        int n = x.length();
        int i = 0;
        while (i < n) {
            char c = x.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                b.append(c);
                i++;
                continue;
            }
            char d = x.charAt(i + 1);
            switch (d) {
                case 'b' -> { b.append('\b'); i += 2; }
                case 'f' -> { b.append('\f'); i += 2; }
                case 'n' -> { b.append('\n'); i += 2; }
                case 'r' -> { b.append('\r'); i += 2; }
                case 't' -> { b.append('\t'); i += 2; }
                case 'x' -> {
                    int j = i + 2;
                    int v = 0;
                    while (j < n && j < i + 4 && Character.digit(x.charAt(j), 16) >= 0) v = v * 16 + Character.digit(x.charAt(j++), 16);
                    if (j == i + 2) { b.append('x'); i += 2; } else { b.append((char) v); i = j; }
                }
                case 'u', 'U' -> {
                    int digits = d == 'u' ? 4 : 8;
                    int cp = hex(x, i + 2, digits);
                    if (cp >= 0 && Character.isValidCodePoint(cp)) { b.appendCodePoint(cp); i += 2 + digits; }
                    else { b.append(d); i += 2; }
                }
                default -> {
                    if (d >= '0' && d <= '7') {
                        int j = i + 1;
                        int v = 0;
                        while (j < n && j < i + 4 && x.charAt(j) >= '0' && x.charAt(j) <= '7') v = v * 8 + (x.charAt(j++) - '0');
                        b.append((char) (v & 0xFF));
                        i = j;
                    } else {
                        b.append(d);
                        i += 2;
                    }
                }
            }
        }
        return b.toString();
    }

    /** Decodes {@code \XXXX}, {@code \+XXXXXX} and {@code \\} (with {@code esc} as the escape character). */
    public static String decodeUnicodeEscapes(String x, char esc) {
        if (x.indexOf(esc) < 0) return x;
        StringBuilder b = new StringBuilder(x.length());
        int n = x.length();
        int i = 0;
        while (i < n) {
            char c = x.charAt(i);
            if (c != esc || i + 1 >= n) {
                b.append(c);
                i++;
                continue;
            }
            if (x.charAt(i + 1) == esc) {
                b.append(esc);
                i += 2;
                continue;
            }
            int digits = x.charAt(i + 1) == '+' ? 6 : 4;
            int at = digits == 6 ? i + 2 : i + 1;
            int cp = hex(x, at, digits);
            if (cp >= 0 && Character.isValidCodePoint(cp)) {
                b.appendCodePoint(cp);
                i = at + digits;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static int hex(String x, int from, int digits) {
        if (from + digits > x.length()) return -1;
        int v = 0;
        for (int k = from; k < from + digits; k++) {
            int d = Character.digit(x.charAt(k), 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }
}

package io.dsqlkit.local.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of one statement as the behaviours need them: identifiers (quoted or not), literals and
 * punctuation, with whitespace and comments dropped and offsets kept so a clause can be copied
 * verbatim. Deliberately small: the behaviours only recognise a handful of statement heads
 * (CREATE INDEX ASYNC, ALTER TABLE ASYNC, AWS IAM GRANT, quota-relevant DDL); the gateway's lexer
 * has already vetted the statement as a whole.
 */
public final class SqlWords {
    /** Word kinds. */
    public enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT, OTHER }

    /** One word; {@code text} is as written, {@link #value()} as PostgreSQL folds it. */
    public record Word(Kind kind, String text, int start, int end) {
        public boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        public boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }

        public boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        /** Identifier value: unquoted lower-cased, quoted unquoted; string literal contents unescaped. */
        public String value() {
            return switch (kind) {
                case WORD -> text.toLowerCase(Locale.ROOT);
                case QUOTED -> text.substring(1, text.length() - 1).replace("\"\"", "\"");
                case STRING -> stringValue(text);
                default -> text;
            };
        }
    }

    private final String sql;
    private final List<Word> words;

    private SqlWords(String sql, List<Word> words) {
        this.sql = sql;
        this.words = words;
    }

    public static SqlWords scan(String sql) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '"') {
                int e = closeQuote(sql, i, '"');
                out.add(new Word(Kind.QUOTED, sql.substring(i, e), i, e));
                i = e;
            } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                int s = i;
                if (c != '\'') i++;
                int e = closeQuote(sql, i, '\'');
                out.add(new Word(Kind.STRING, sql.substring(s, e), s, e));
                i = e;
            } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd < 0) {
                    out.add(new Word(Kind.OTHER, sql.substring(i), i, n));
                    break;
                }
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                int e = close < 0 ? n : close + tag.length();
                out.add(new Word(Kind.STRING, sql.substring(i, e), i, e));
                i = e;
            } else if (Character.isLetter(c) || c == '_') {
                int e = i + 1;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '_' || sql.charAt(e) == '$')) e++;
                out.add(new Word(Kind.WORD, sql.substring(i, e), i, e));
                i = e;
            } else if (Character.isDigit(c)) {
                int e = i + 1;
                while (e < n && (Character.isLetterOrDigit(sql.charAt(e)) || sql.charAt(e) == '.' || sql.charAt(e) == '_')) e++;
                out.add(new Word(Kind.NUMBER, sql.substring(i, e), i, e));
                i = e;
            } else if ("(),.;[]".indexOf(c) >= 0) {
                out.add(new Word(Kind.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            } else {
                out.add(new Word(Kind.OTHER, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isPunct(';')) out.remove(out.size() - 1);
        return new SqlWords(sql, List.copyOf(out));
    }

    /** The first keyword of {@code sql}, upper-cased, without allocating the full word list; "" if none. */
    public static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else {
                int e = i;
                while (e < n && Character.isLetter(sql.charAt(e))) e++;
                return sql.substring(i, e).toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    public int size() {
        return words.size();
    }

    public Word get(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    public List<Word> words() {
        return words;
    }

    /** True if the words from {@code index} are exactly these keywords. */
    public boolean keywordsAt(int index, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            Word w = get(index + k);
            if (w == null || !w.is(keywords[k])) return false;
        }
        return true;
    }

    /** Statement text from word {@code index} to the end (without a trailing semicolon). */
    public String textFrom(int index) {
        if (index >= words.size()) return "";
        return sql.substring(words.get(index).start(), words.get(words.size() - 1).end());
    }

    /** Index of the first word at parenthesis depth 0 from {@code from} that is keyword {@code kw}, or -1. */
    public int findTopLevel(int from, String kw) {
        int depth = 0;
        for (int i = from; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.isPunct('(')) depth++;
            else if (w.isPunct(')')) depth--;
            else if (depth == 0 && w.is(kw)) return i;
        }
        return -1;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) return i;
            } else {
                i++;
            }
        }
        return n;
    }

    private static int closeQuote(String sql, int open, char q) {
        int i = open + 1;
        boolean escapes = q == '\'' && open > 0 && (sql.charAt(open - 1) == 'E' || sql.charAt(open - 1) == 'e');
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static String stringValue(String text) {
        int start = text.indexOf('\'');
        String body = text.substring(start + 1, Math.max(start + 1, text.length() - 1));
        return body.replace("''", "'");
    }
}

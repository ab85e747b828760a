package io.dsqlkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes PostgreSQL 16 SQL the way the server's scanner ({@code src/backend/parser/scan.l}) does.
 * Never throws: what the server would reject (an unterminated literal, trailing junk after a number,
 * a stray byte) still becomes tokens, flagged or typed so that callers can report it.
 *
 * <p>A hand-written scanner over the text: it lexes migration corpora of many megabytes, so it uses
 * no regular expressions and allocates nothing per character.
 */
public final class Lexer {
    private final String s;
    private final int n;
    private final List<Token> out;
    private static final int MAX_SHARED_LENGTH = 24;
    private final String[] shared;
    private int line = 1;
    private int lineStart = 0;

    private Lexer(String sql) {
        this.s = sql;
        this.n = sql.length();
        this.out = new ArrayList<>(Math.max(16, n / 5));
        this.shared = n < 512 ? null : new String[n < 65536 ? 512 : 4096];
    }

    /** All tokens of {@code sql}, trivia included; their texts concatenate to {@code sql}. */
    public static List<Token> tokenize(String sql) {
        if (sql == null || sql.isEmpty()) return new ArrayList<>();
        Lexer lx = new Lexer(sql);
        lx.run();
        return lx.out;
    }

    private void run() {
        int i = 0;
        if (s.charAt(0) == '\uFEFF') {
            // A byte-order mark that an editor put at the start of a file. The server would read it as part
            // of the first identifier; lint what the author meant and treat it as trivia.
            emit(TokenType.WHITESPACE, 0, 1, false);
            i = 1;
        }
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            TokenType type;
            boolean unterminated = false;
            switch (c) {
                case ' ', '\t', '\n', '\r', '\f', '\u000B' -> {
                    i = skipWhitespace(i + 1);
                    type = TokenType.WHITESPACE;
                }
                case '\'' -> {
                    i = standardString(i + 1);
                    unterminated = i < 0;
                    if (unterminated) i = n;
                    type = TokenType.STRING;
                }
                case '"' -> {
                    i = quotedIdentifier(i + 1);
                    unterminated = i < 0;
                    if (unterminated) i = n;
                    type = TokenType.QUOTED_IDENTIFIER;
                }
                case '$' -> {
                    if (i + 1 < n && isDigit(s.charAt(i + 1))) {
                        i = decinteger(i + 1);
                        type = TokenType.PARAMETER;
                    } else {
                        int tagEnd = dollarTagEnd(i);
                        if (tagEnd < 0) {
                            // scan.l's dolqfailed: a lone '$' is returned as a single character.
                            i++;
                            type = TokenType.UNKNOWN;
                        } else {
                            int close = s.indexOf(s.substring(i, tagEnd), tagEnd);
                            if (close < 0) {
                                i = n;
                                unterminated = true;
                            } else {
                                i = close + (tagEnd - i);
                            }
                            type = TokenType.DOLLAR_STRING;
                        }
                    }
                }
                case '(' -> { i++; type = TokenType.LPAREN; }
                case ')' -> { i++; type = TokenType.RPAREN; }
                case '[' -> { i++; type = TokenType.LBRACKET; }
                case ']' -> { i++; type = TokenType.RBRACKET; }
                case ',' -> { i++; type = TokenType.COMMA; }
                case ';' -> { i++; type = TokenType.SEMICOLON; }
                case ':' -> {
                    if (i + 1 < n && s.charAt(i + 1) == ':') {
                        i += 2;
                        type = TokenType.TYPECAST;
                    } else {
                        i++;
                        type = TokenType.COLON;
                    }
                }
                case '.' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '.') {
                        // scan.l's dot_dot (PL/pgSQL ranges): "..5" is two dots and 5, not a dot and .5.
                        emit(TokenType.DOT, i, i + 1, false);
                        emit(TokenType.DOT, i + 1, i + 2, false);
                        i += 2;
                        continue;
                    }
                    if (i + 1 < n && isDigit(s.charAt(i + 1))) {
                        i = number(i);
                        type = TokenType.NUMBER;
                    } else {
                        i++;
                        type = TokenType.DOT;
                    }
                }
                case '-' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '-') {
                        i = lineCommentEnd(i + 2);
                        type = TokenType.LINE_COMMENT;
                    } else {
                        i = operatorEnd(i);
                        type = TokenType.OPERATOR;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '*') {
                        i = blockCommentEnd(i + 2);
                        unterminated = i < 0;
                        if (unterminated) i = n;
                        type = TokenType.BLOCK_COMMENT;
                    } else {
                        i = operatorEnd(i);
                        type = TokenType.OPERATOR;
                    }
                }
                case '+', '*', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?' -> {
                    i = operatorEnd(i);
                    type = TokenType.OPERATOR;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    i = number(i);
                    type = TokenType.NUMBER;
                }
                default -> {
                    if (isIdentStart(c)) {
                        char d = i + 1 < n ? s.charAt(i + 1) : 0;
                        if (d == '\'' && (c == 'e' || c == 'E')) {
                            i = escapeString(i + 2);
                            unterminated = i < 0;
                            if (unterminated) i = n;
                            type = TokenType.STRING;
                        } else if (d == '\'' && (c == 'n' || c == 'N' || c == 'b' || c == 'B' || c == 'x' || c == 'X')) {
                            i = (c == 'n' || c == 'N') ? standardString(i + 2) : bitString(i + 2);
                            unterminated = i < 0;
                            if (unterminated) i = n;
                            type = TokenType.STRING;
                        } else if (d == '&' && (c == 'u' || c == 'U') && i + 2 < n
                                && (s.charAt(i + 2) == '\'' || s.charAt(i + 2) == '"')) {
                            boolean ident = s.charAt(i + 2) == '"';
                            // U&'...' scans like a standard string: the backslash escapes are decoded later and
                            // never hide a quote (scan.l state xus shares xq's rules).
                            i = ident ? quotedIdentifier(i + 3) : standardString(i + 3);
                            unterminated = i < 0;
                            if (unterminated) i = n;
                            type = ident ? TokenType.QUOTED_IDENTIFIER : TokenType.STRING;
                        } else {
                            i = identifierEnd(i + 1);
                            type = TokenType.IDENTIFIER;
                        }
                    } else {
                        i++;
                        type = TokenType.UNKNOWN;
                    }
                }
            }
            emit(type, start, i, unterminated);
        }
    }

    private void emit(TokenType type, int start, int end, boolean unterminated) {
        String text = end - start <= MAX_SHARED_LENGTH && shared != null ? shared(start, end) : s.substring(start, end);
        out.add(new Token(type, text, start, line, start - lineStart + 1, unterminated));
        switch (type) {
            case WHITESPACE, BLOCK_COMMENT, STRING, DOLLAR_STRING, QUOTED_IDENTIFIER -> {
                for (int k = start; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * Short token texts (key words, names, punctuation, indentation) repeat endlessly in SQL; sharing
     * one String per distinct text keeps the token list of a large script several times smaller,
     * which is most of the lexing cost once the garbage collector is counted.
     */
    private String shared(int start, int end) {
        int len = end - start;
        int h = len;
        for (int k = start; k < end; k++) h = 31 * h + s.charAt(k);
        int idx = (h ^ (h >>> 15)) & (shared.length - 1);
        String e = shared[idx];
        if (e != null && e.length() == len && s.regionMatches(start, e, 0, len)) return e;
        e = s.substring(start, end);
        shared[idx] = e;
        return e;
    }

    private int skipWhitespace(int i) {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') i++;
            else break;
        }
        return i;
    }

    /** scan.l's {@code comment}: {@code --} then everything up to (not including) a newline or carriage return. */
    private int lineCommentEnd(int i) {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') break;
            i++;
        }
        return i;
    }

    /**
     * Nested block comment body from just after the opening {@code /*}; returns the end offset, or -1
     * when unterminated. Mirrors scan.l's xc state: a run of slashes is consumed whole, so only a lone
     * slash before a star opens a nested comment ({@code //*} does not).
     */
    private int blockCommentEnd(int i) {
        int depth = 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '*') {
                if (i + 1 < n && s.charAt(i + 1) == '/') {
                    i += 2;
                    if (--depth == 0) return i;
                } else {
                    i++;
                }
            } else if (c == '/') {
                int run = i;
                while (run < n && s.charAt(run) == '/') run++;
                if (run - i == 1 && run < n && s.charAt(run) == '*') {
                    depth++;
                    i = run + 1;
                } else {
                    i = run;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Body of {@code '...'} (also N'..', U&'..') after the opening quote; {@code ''} is a quote. -1 if unterminated. */
    private int standardString(int i) {
        while (i < n) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < n && s.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Body of {@code E'...'}: a backslash escapes the next character, {@code ''} is a quote. */
    private int escapeString(int i) {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && s.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Body of {@code B'...'} / {@code X'...'}: scan.l's xb/xh states end at the first quote. */
    private int bitString(int i) {
        int q = s.indexOf('\'', i);
        return q < 0 ? -1 : q + 1;
    }

    /** Body of {@code "..."} after the opening quote; {@code ""} is a quote. -1 if unterminated. */
    private int quotedIdentifier(int i) {
        while (i < n) {
            if (s.charAt(i) == '"') {
                if (i + 1 < n && s.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** End of the {@code $tag$} delimiter starting at {@code i}, or -1 when it is not one (scan.l's dolqdelim). */
    private int dollarTagEnd(int i) {
        int j = i + 1;
        if (j < n && s.charAt(j) == '$') return j + 1;
        if (j >= n || !isIdentStart(s.charAt(j))) return -1;
        j++;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '$') return j + 1;
            if (isIdentStart(c) || isDigit(c)) j++;
            else return -1;
        }
        return -1;
    }

    private int identifierEnd(int i) {
        while (i < n) {
            char c = s.charAt(i);
            if (isIdentStart(c) || isDigit(c) || c == '$') i++;
            else break;
        }
        return i;
    }

    /**
     * A numeric literal per PostgreSQL 16: decimal integers with single underscores between digits,
     * {@code 0x}/{@code 0o}/{@code 0b} integers, decimals, exponents. Trailing junk (which the server
     * rejects) is left for the next token. {@code 1..} stays an integer followed by dots (scan.l's numericfail).
     */
    private int number(int i) {
        if (s.charAt(i) == '0' && i + 1 < n) {
            char p = s.charAt(i + 1);
            int radix = switch (p) {
                case 'x', 'X' -> 16;
                case 'o', 'O' -> 8;
                case 'b', 'B' -> 2;
                default -> 0;
            };
            if (radix != 0) {
                int j = i + 2;
                while (j < n) {
                    char c = s.charAt(j);
                    if (isRadixDigit(c, radix)) j++;
                    else if (c == '_' && j + 1 < n && isRadixDigit(s.charAt(j + 1), radix)) j += 2;
                    else break;
                }
                if (j > i + 2) return j;
                return i + 1;
            }
        }
        int j = i;
        if (s.charAt(j) != '.') {
            j = decinteger(j);
            if (j < n && s.charAt(j) == '.') {
                if (j + 1 < n && s.charAt(j + 1) == '.') return j;
                j++;
                if (j < n && isDigit(s.charAt(j))) j = decinteger(j);
            }
        } else {
            j = decinteger(j + 1);
        }
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
            if (k < n && isDigit(s.charAt(k))) j = decinteger(k);
        }
        return j;
    }

    /** {@code digit (_? digit)*} starting at a digit. */
    private int decinteger(int i) {
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (isDigit(c)) i++;
            else if (c == '_' && i + 1 < n && isDigit(s.charAt(i + 1))) i += 2;
            else break;
        }
        return i;
    }

    /**
     * scan.l's operator rule: the longest run of operator characters, cut before an embedded
     * {@code --} or {@code /*}; a multi-character operator ending in {@code +} or {@code -} loses
     * those trailing characters unless it contains one of {@code ~ ! @ # ^ & | ` ? %} (so that
     * {@code a<-b} is {@code a < -b}).
     */
    private int operatorEnd(int i) {
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (!isOpChar(c)) break;
            if (j + 1 < n) {
                char d = s.charAt(j + 1);
                if ((c == '-' && d == '-') || (c == '/' && d == '*')) break;
            }
            j++;
        }
        int len = j - i;
        if (len > 1) {
            char last = s.charAt(i + len - 1);
            if (last == '+' || last == '-') {
                boolean keep = false;
                for (int k = i; k < i + len - 1; k++) {
                    char c = s.charAt(k);
                    if (c == '~' || c == '!' || c == '@' || c == '#' || c == '^' || c == '&' || c == '|'
                            || c == '`' || c == '?' || c == '%') {
                        keep = true;
                        break;
                    }
                }
                if (!keep) {
                    do {
                        len--;
                    } while (len > 1 && (s.charAt(i + len - 1) == '+' || s.charAt(i + len - 1) == '-'));
                }
            }
        }
        return i + len;
    }

    static boolean isOpChar(char c) {
        return switch (c) {
            case '+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?' -> true;
            default -> false;
        };
    }

    /** scan.l's ident_start: ASCII letters, underscore, and every non-ASCII character (bytes 0x80-0xFF in UTF-8). */
    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isRadixDigit(char c, int radix) {
        return switch (radix) {
            case 16 -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case 8 -> c >= '0' && c <= '7';
            default -> c == '0' || c == '1';
        };
    }
}

package io.dsqlkit.sql;

/**
 * One lexical token. Offsets are absolute char offsets into the lexed text; line and column are
 * 1-based (column counts chars). {@code unterminated} marks a string, quoted identifier or comment
 * that reached the end of input without its closing delimiter.
 */
public record Token(TokenType type, String text, int offset, int line, int column, boolean unterminated) {

    public int end() {
        return offset + text.length();
    }

    /** Whitespace and comments. */
    public boolean isTrivia() {
        return type == TokenType.WHITESPACE || type == TokenType.LINE_COMMENT || type == TokenType.BLOCK_COMMENT;
    }

    /**
     * True for an unquoted identifier equal to {@code keyword}, ignoring ASCII case only (as the server
     * does: {@code ınsert} with a dotless i is not INSERT).
     */
    public boolean isKeyword(String keyword) {
        return type == TokenType.IDENTIFIER && SqlText.equalsIgnoreAsciiCase(text, keyword);
    }

    /** True for an unquoted identifier equal to any of {@code keywords}, ignoring case. */
    public boolean isAnyKeyword(String... keywords) {
        if (type != TokenType.IDENTIFIER) return false;
        for (String k : keywords) if (SqlText.equalsIgnoreAsciiCase(text, k)) return true;
        return false;
    }

    public boolean is(TokenType t) {
        return type == t;
    }

    /**
     * The name this token denotes as PostgreSQL folds it: unquoted identifiers lower-cased, quoted
     * identifiers unquoted with {@code ""} collapsed; other tokens as written.
     */
    public String identifierValue() {
        return SqlText.identifierValue(this);
    }
}

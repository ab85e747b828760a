package io.dsqlkit.sql;

/** Lexical token classes of PostgreSQL 16 SQL (see scan.l in the PostgreSQL sources). */
public enum TokenType {
    /** Spaces, tabs, newlines, form feeds, vertical tabs, carriage returns (and a byte-order mark at offset 0). */
    WHITESPACE,
    /** {@code -- ...} up to the end of the line. */
    LINE_COMMENT,
    /** {@code /* ... *&#47;}, nesting allowed. */
    BLOCK_COMMENT,
    /** An unquoted identifier or key word; compare with {@link Token#isKeyword(String)}. */
    IDENTIFIER,
    /** {@code "quoted"} or {@code U&"quoted"} identifier. */
    QUOTED_IDENTIFIER,
    /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}. */
    STRING,
    /** {@code $tag$ ... $tag$}. */
    DOLLAR_STRING,
    /** Integer, decimal, exponent, hex/octal/binary, with optional underscores. */
    NUMBER,
    /** Positional parameter {@code $1}. */
    PARAMETER,
    /** Operator: one or more of {@code + - * / < > = ~ ! @ # % ^ & | ` ?}. */
    OPERATOR,
    /** {@code ::}. */
    TYPECAST,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMICOLON, DOT, COLON,
    /** Anything else (a stray byte); the lexer never throws. */
    UNKNOWN
}

package io.dsqlkit.migrate.declarative;

import io.dsqlkit.migrate.declarative.SchemaModel.Column;
import io.dsqlkit.migrate.declarative.SchemaModel.Constraint;
import io.dsqlkit.migrate.declarative.SchemaModel.ConstraintKind;
import io.dsqlkit.migrate.declarative.SchemaModel.Identity;
import io.dsqlkit.migrate.declarative.SchemaModel.Index;
import io.dsqlkit.migrate.declarative.SchemaModel.Sequence;
import io.dsqlkit.migrate.declarative.SchemaModel.Table;
import io.dsqlkit.migrate.declarative.SchemaModel.View;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads desired-state SQL (CREATE SCHEMA / TABLE / INDEX [ASYNC] / VIEW / SEQUENCE and COMMENT ON)
 * into a {@link SchemaModel}, with the shared lexer and splitter. Anything else is refused with the
 * file and line, since a declarative file describes objects rather than steps.
 */
public final class DesiredSchemaReader {
    /** Comment directive naming the previous name of a table or column (renames are never guessed). */
    public static final String RENAMED_FROM = "dsqlkit:renamed-from";

    private final SchemaModel model = new SchemaModel();
    private String source;
    private String file;

    /** Reads a file or every *.sql under a directory (sorted by path, so the result is stable). */
    public static SchemaModel read(Path path) throws IOException {
        DesiredSchemaReader r = new DesiredSchemaReader();
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
            }
            if (files.isEmpty()) throw new IOException("no *.sql files under " + path);
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new IOException("desired schema " + path + " does not exist (give a .sql file or a directory of them)");
        }
        for (Path f : files) r.add(f.toString(), Files.readString(f));
        return r.model;
    }

    public static SchemaModel parse(String sql) {
        DesiredSchemaReader r = new DesiredSchemaReader();
        r.add("<desired>", sql);
        return r.model;
    }

    private void add(String fileName, String sql) {
        this.file = fileName;
        this.source = sql;
        List<Token> tokens = Lexer.tokenize(sql);
        for (Statement s : ScriptSplitter.split(sql, tokens)) {
            if (s.category() == StatementCategory.EMPTY) continue;
            statement(s);
        }
    }

    private SchemaException error(Token at, String message) {
        return new SchemaException(file + ":" + (at == null ? 1 : at.line()) + ": " + message);
    }

    private void statement(Statement s) {
        List<Token> sig = s.significant();
        Cursor c = new Cursor(sig);
        Token first = c.peek();
        if (c.accept("CREATE")) {
            c.accept("OR", "REPLACE");
            if (c.accept("SCHEMA")) {
                c.accept("IF", "NOT", "EXISTS");
                model.schemas.add(c.name());
            } else if (c.accept("TABLE")) {
                createTable(s, c);
            } else if (c.at("UNIQUE") || c.at("INDEX")) {
                createIndex(c);
            } else if (c.accept("VIEW")) {
                createView(c);
            } else if (c.accept("SEQUENCE")) {
                createSequence(c);
            } else {
                throw error(first, "unsupported statement in a desired schema: " + firstWords(sig)
                        + " (declare CREATE SCHEMA, TABLE, INDEX, VIEW, SEQUENCE and COMMENT ON only)");
            }
        } else if (c.accept("COMMENT", "ON")) {
            comment(c);
        } else {
            throw error(first, "'" + firstWords(sig) + "' is not a declaration: a desired schema describes objects "
                    + "(CREATE SCHEMA, TABLE, INDEX, VIEW, SEQUENCE, COMMENT ON); dsqlkit works out the steps");
        }
    }

    private static String firstWords(List<Token> sig) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, sig.size()); i++) sb.append(i == 0 ? "" : " ").append(sig.get(i).text());
        return sb.toString();
    }

    // ------------------------------------------------------------------ CREATE TABLE

    private void createTable(Statement s, Cursor c) {
        c.accept("IF", "NOT", "EXISTS");
        Token nameTok = c.peek();
        String[] qn = c.qualifiedName();
        Table t = new Table(qn[0], qn[1]);
        t.renamedFrom = directive(leadingComments(s, nameTok.offset()));
        if (model.tables.containsKey(t.qualified())) throw error(nameTok, "table " + t.qualified() + " is declared twice");
        model.schemas.add(t.schema);
        Token open = c.next();
        if (open == null || !open.is(TokenType.LPAREN)) throw error(nameTok, "expected '(' after CREATE TABLE " + t.qualified());
        List<List<Token>> elements = c.splitUntilClose();
        List<Token> comments = s.tokens().stream().filter(x -> x.is(TokenType.LINE_COMMENT) || x.is(TokenType.BLOCK_COMMENT))
                .filter(x -> x.text().contains(RENAMED_FROM) && x.offset() > open.offset()).toList();
        Token prevLast = open;
        for (int i = 0; i < elements.size(); i++) {
            List<Token> e = elements.get(i);
            if (e.isEmpty()) continue;
            Token first = e.get(0);
            Token last = e.get(e.size() - 1);
            Token nextFirst = i + 1 < elements.size() && !elements.get(i + 1).isEmpty() ? elements.get(i + 1).get(0) : null;
            Token before = prevLast;
            // a directive belongs to the element it is written in, on the line(s) just above it, or after it on its last line
            List<Token> own = comments.stream().filter(k -> k.offset() > first.offset() && k.offset() < last.offset()
                    || k.offset() < first.offset() && k.offset() > before.offset() && k.line() > before.line()
                    || k.offset() > last.offset() && k.line() == last.line() && (nextFirst == null || k.offset() < nextFirst.offset())).toList();
            element(t, e, directive(own));
            prevLast = last;
        }
        if (!c.done()) throw error(c.peek(), "unsupported table option '" + c.peek().text() + "' after CREATE TABLE "
                + t.qualified() + " (DSQL has no WITH, PARTITION, INHERITS, TABLESPACE)");
        Constraint pk = t.primaryKey();
        for (int i = 0; i < t.columns.size(); i++) {
            Column col = t.columns.get(i);
            if (!col.notNull() && pk != null && pk.columns().contains(col.name())) {
                t.columns.set(i, new Column(col.name(), col.type(), true, col.defaultExpr(), col.identity(), col.generatedExpr(),
                        col.comment(), col.renamedFrom()));
            }
        }
        if (pk != null) for (String k : pk.columns()) {
            if (t.column(k) == null) throw error(nameTok, "primary key of " + t.qualified() + " names unknown column " + k);
        }
        model.tables.put(t.qualified(), t);
    }

    private void element(Table t, List<Token> e, String renamedFrom) {
        Cursor c = new Cursor(e);
        String cname = null;
        if (c.accept("CONSTRAINT")) cname = c.name();
        if (c.at("PRIMARY") || c.at("UNIQUE") || c.at("CHECK") || c.at("FOREIGN")) {
            t.constraints.add(tableConstraint(t, c, cname, null));
            return;
        }
        if (cname != null) throw error(e.get(0), "expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY after CONSTRAINT " + cname);
        if (c.at("LIKE")) throw error(e.get(0), "LIKE is not supported in a desired schema: list the columns");
        Token nameTok = c.peek();
        String name = c.name();
        int typeStart = c.pos;
        while (!c.done() && !c.atDepth0Any("CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK", "UNIQUE", "PRIMARY",
                "REFERENCES", "GENERATED", "COLLATE", "STORAGE")) c.skipBalanced();
        if (c.pos == typeStart) throw error(nameTok, "column " + name + " of " + t.qualified() + " has no type");
        String type = Normalize.type(c.text(typeStart, c.pos));
        boolean notNull = false;
        String def = null;
        Identity identity = null;
        String generated = null;
        while (!c.done()) {
            String kname = null;
            if (c.accept("CONSTRAINT")) kname = c.name();
            Token at = c.peek();
            if (c.accept("NOT", "NULL")) notNull = true;
            else if (c.accept("NULL")) notNull = false;
            else if (c.accept("DEFAULT")) {
                int from = c.pos;
                while (!c.done() && !c.atDepth0Any("CONSTRAINT", "NOT", "NULL", "CHECK", "UNIQUE", "PRIMARY", "REFERENCES",
                        "GENERATED", "COLLATE", "STORAGE")) c.skipBalanced();
                def = c.text(from, c.pos);
            } else if (c.accept("GENERATED")) {
                if (c.accept("ALWAYS", "AS", "IDENTITY")) identity = identity(c, true, at);
                else if (c.accept("BY", "DEFAULT", "AS", "IDENTITY")) identity = identity(c, false, at);
                else if (c.accept("ALWAYS", "AS")) {
                    generated = c.parenthesised();
                    c.expect("STORED");
                } else throw error(at, "expected GENERATED ALWAYS AS (...) STORED or GENERATED ... AS IDENTITY");
            } else if (c.at("PRIMARY") || c.at("UNIQUE") || c.at("CHECK") || c.at("REFERENCES")) {
                t.constraints.add(tableConstraint(t, c, kname, name));
            } else if (c.accept("COLLATE")) {
                throw error(at, "COLLATE is not supported by DSQL (dsql-facts §1.6)");
            } else if (c.accept("STORAGE")) {
                c.next();
            } else {
                throw error(at, "unexpected '" + at.text() + "' in the definition of column " + name);
            }
        }
        if (identity != null || t.constraints.stream().anyMatch(k -> k.kind() == ConstraintKind.PRIMARY_KEY && k.columns().contains(name))) {
            notNull = true;
        }
        if (t.column(name) != null) throw error(nameTok, "column " + name + " of " + t.qualified() + " is declared twice");
        t.columns.add(new Column(name, type, notNull, def, identity, generated, null, renamedFrom));
    }

    private Identity identity(Cursor c, boolean always, Token at) {
        long[] o = {-1, 1, 1};
        if (c.peek() != null && c.peek().is(TokenType.LPAREN)) {
            c.next();
            while (!c.done() && !c.peek().is(TokenType.RPAREN)) sequenceOption(c, o, "identity");
            c.next();
        }
        if (o[0] < 0) throw error(at, "identity column is not supported without an explicit cache size. please define "
                + "CACHE greater than or equal to 65536 or equal to 1 (dsql-facts §1.5): write GENERATED ... AS IDENTITY (CACHE 1)");
        return new Identity(always, o[0], o[1] == 1 ? null : o[1], o[2] == 1 ? null : o[2]);
    }

    /** One of CACHE n, START [WITH] n, INCREMENT [BY] n, AS bigint into {cache, start, increment}. */
    private void sequenceOption(Cursor c, long[] o, String what) {
        Token at = c.peek();
        if (c.accept("CACHE")) o[0] = c.number();
        else if (c.accept("START")) {
            c.accept("WITH");
            o[1] = c.number();
        } else if (c.accept("INCREMENT")) {
            c.accept("BY");
            o[2] = c.number();
        } else if (c.accept("AS")) {
            Token ty = c.next();
            if (ty == null || !Normalize.type(ty.text()).equals("bigint")) throw error(at, what + " values are bigint on DSQL (dsql-facts §1.5)");
        } else throw error(at, "unsupported " + what + " option '" + at.text() + "' (CACHE, START, INCREMENT, AS bigint)");
    }

    private Constraint tableConstraint(Table t, Cursor c, String name, String column) {
        Token at = c.peek();
        if (c.accept("PRIMARY", "KEY")) {
            List<String> cols = column != null ? List.of(column) : c.nameList();
            if (t.primaryKey() != null) throw error(at, t.qualified() + " declares two primary keys");
            skipIndexParameters(c, at);
            return new Constraint(name, ConstraintKind.PRIMARY_KEY, cols, null, null, null, null, null);
        }
        if (c.accept("UNIQUE")) {
            if (c.accept("NULLS", "NOT", "DISTINCT") || c.accept("NULLS", "DISTINCT")) {
                throw error(at, "NULLS [NOT] DISTINCT on a UNIQUE constraint is not supported here: declare a unique index instead");
            }
            List<String> cols = column != null ? List.of(column) : c.nameList();
            skipIndexParameters(c, at);
            return new Constraint(name, ConstraintKind.UNIQUE, cols, null, null, null, null, null);
        }
        if (c.accept("CHECK")) {
            String expr = c.parenthesised();
            if (c.accept("NO", "INHERIT")) throw error(at, "NO INHERIT is not supported");
            return new Constraint(name, ConstraintKind.CHECK, List.of(), expr, null, null, null, null);
        }
        List<String> cols;
        if (c.accept("FOREIGN", "KEY")) cols = c.nameList();
        else cols = List.of(column);
        c.expect("REFERENCES");
        String[] ref = c.qualifiedName();
        List<String> refCols = c.peek() != null && c.peek().is(TokenType.LPAREN) ? c.nameList() : null;
        String onDelete = "NO ACTION";
        String onUpdate = "NO ACTION";
        while (!c.done()) {
            if (c.accept("ON", "DELETE")) onDelete = action(c);
            else if (c.accept("ON", "UPDATE")) onUpdate = action(c);
            else if (c.accept("MATCH", "SIMPLE")) continue;
            else if (c.accept("MATCH", "FULL")) throw error(at, "MATCH FULL is not modelled by dsqlkit schema yet: use MATCH SIMPLE");
            else if (c.at("CONSTRAINT") || c.at("NOT") || c.at("NULL") || c.at("DEFAULT") || c.at("CHECK") || c.at("UNIQUE")
                    || c.at("PRIMARY") || c.at("GENERATED")) break;
            else throw error(c.peek(), "unsupported foreign-key option '" + c.peek().text() + "'");
        }
        return new Constraint(name, ConstraintKind.FOREIGN_KEY, cols, null, ref[0] + "." + ref[1], refCols, onDelete, onUpdate);
    }

    private void skipIndexParameters(Cursor c, Token at) {
        if (c.at("INCLUDE") || c.at("WITH") || c.at("USING")) {
            throw error(at, "INCLUDE/WITH/USING INDEX on a constraint is not supported in a desired schema: declare an index");
        }
    }

    private String action(Cursor c) {
        Token at = c.peek();
        if (c.accept("NO", "ACTION")) return "NO ACTION";
        if (c.accept("RESTRICT")) return "RESTRICT";
        if (c.accept("CASCADE")) return "CASCADE";
        if (c.accept("SET", "NULL")) return "SET NULL";
        if (c.accept("SET", "DEFAULT")) return "SET DEFAULT";
        throw error(at, "expected NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
    }

    // ------------------------------------------------------------------ CREATE INDEX / VIEW / SEQUENCE

    private void createIndex(Cursor c) {
        Token at = c.peek();
        boolean unique = c.accept("UNIQUE");
        c.expect("INDEX");
        c.accept("ASYNC");
        c.accept("CONCURRENTLY");
        c.accept("IF", "NOT", "EXISTS");
        if (c.at("ON")) throw error(at, "name the index (CREATE INDEX name ON ...) so it can be compared with the database");
        String name = c.name();
        c.expect("ON");
        c.accept("ONLY");
        String[] table = c.qualifiedName();
        if (c.accept("USING")) throw error(at, "USING not supported for CREATE INDEX (dsql-facts §4): remove it");
        Token open = c.next();
        if (open == null || !open.is(TokenType.LPAREN)) throw error(at, "expected '(' with the index keys of " + name);
        List<String> keys = new ArrayList<>();
        for (List<Token> k : c.splitUntilClose()) {
            if (k.isEmpty()) continue;
            Token last = k.get(k.size() - 1);
            if (last.isAnyKeyword("ASC", "DESC") || k.size() > 1 && k.get(k.size() - 2).isKeyword("NULLS")) {
                throw error(last, "specifying sort order not supported for index keys (dsql-facts §4): remove " + last.text());
            }
            String text = source.substring(k.get(0).offset(), last.end());
            boolean plainColumn = k.size() == 1 && (k.get(0).is(TokenType.IDENTIFIER) || k.get(0).is(TokenType.QUOTED_IDENTIFIER));
            keys.add(plainColumn ? k.get(0).identifierValue() : text.startsWith("(") ? text : "(" + text + ")");
        }
        List<String> include = List.of();
        if (c.accept("INCLUDE")) include = c.nameList();
        boolean nnd = false;
        if (c.accept("NULLS", "NOT", "DISTINCT")) nnd = true;
        else c.accept("NULLS", "DISTINCT");
        String where = null;
        if (c.accept("WHERE")) {
            int from = c.pos;
            while (!c.done()) c.next();
            where = c.text(from, c.pos);
        }
        if (!c.done()) throw error(c.peek(), "unexpected '" + c.peek().text() + "' in CREATE INDEX " + name);
        Index i = new Index(table[0], name, table[1], unique, keys, include, nnd, where);
        if (model.indexes.put(i.qualified(), i) != null) throw error(at, "index " + i.qualified() + " is declared twice");
    }

    private void createView(Cursor c) {
        Token at = c.peek();
        String[] n = c.qualifiedName();
        c.expect("AS");
        int from = c.pos;
        while (!c.done()) c.next();
        String q = c.text(from, c.pos);
        View v = new View(n[0], n[1], q, null);
        if (model.views.put(v.qualified(), v) != null) throw error(at, "view " + v.qualified() + " is declared twice");
    }

    private void createSequence(Cursor c) {
        Token at = c.peek();
        c.accept("IF", "NOT", "EXISTS");
        String[] n = c.qualifiedName();
        long[] o = {-1, 1, 1};
        while (!c.done()) sequenceOption(c, o, "sequence");
        if (o[0] < 0) throw error(at, "CREATE SEQUENCE is not supported without an explicit cache size. please define CACHE "
                + "greater than or equal to 65536 or equal to 1 (dsql-facts §1.5)");
        Sequence s = new Sequence(n[0], n[1], o[0], o[1], o[2], null);
        if (model.sequences.put(s.qualified(), s) != null) throw error(at, "sequence " + s.qualified() + " is declared twice");
    }

    // ------------------------------------------------------------------ COMMENT ON

    private void comment(Cursor c) {
        Token at = c.peek();
        String kind = c.next().text().toUpperCase(java.util.Locale.ROOT);
        List<String> parts = new ArrayList<>();
        parts.add(c.name());
        while (c.peek() != null && c.peek().is(TokenType.DOT)) {
            c.next();
            parts.add(c.name());
        }
        c.expect("IS");
        Token v = c.next();
        String text = v != null && v.is(TokenType.STRING) ? unquote(v.text()) : null;
        if (v == null || !v.is(TokenType.STRING) && !v.isKeyword("NULL")) throw error(at, "COMMENT ... IS needs a string or NULL");
        switch (kind) {
            case "TABLE" -> {
                Table t = table(parts, at);
                t.comment = text;
            }
            case "COLUMN" -> {
                if (parts.size() < 2) throw error(at, "COMMENT ON COLUMN needs table.column");
                String col = parts.remove(parts.size() - 1);
                Table t = table(parts, at);
                Column cl = t.column(col);
                if (cl == null) throw error(at, "COMMENT ON COLUMN: " + t.qualified() + " has no column " + col);
                t.columns.set(t.columns.indexOf(cl), cl.withComment(text));
            }
            case "VIEW" -> {
                String q = qualify(parts);
                View view = model.views.get(q);
                if (view == null) throw error(at, "COMMENT ON VIEW " + q + ": declare the view first");
                model.views.put(q, new View(view.schema(), view.name(), view.query(), text));
            }
            case "SEQUENCE" -> {
                String q = qualify(parts);
                Sequence s = model.sequences.get(q);
                if (s == null) throw error(at, "COMMENT ON SEQUENCE " + q + ": declare the sequence first");
                model.sequences.put(q, new Sequence(s.schema(), s.name(), s.cache(), s.start(), s.increment(), text));
            }
            default -> throw error(at, "COMMENT ON " + kind + " is not modelled (TABLE, COLUMN, VIEW, SEQUENCE)");
        }
    }

    private Table table(List<String> parts, Token at) {
        String q = qualify(parts);
        Table t = model.tables.get(q);
        if (t == null) throw error(at, "comment on " + q + ": declare the table before commenting on it");
        return t;
    }

    private static String qualify(List<String> parts) {
        return parts.size() == 1 ? "public." + parts.get(0) : parts.get(0) + "." + parts.get(1);
    }

    static String unquote(String lit) {
        String s = lit;
        if (s.startsWith("E'") || s.startsWith("e'")) s = s.substring(1);
        return s.substring(1, s.length() - 1).replace("''", "'");
    }

    private static List<Token> leadingComments(Statement s, int before) {
        return s.tokens().stream().filter(t -> (t.is(TokenType.LINE_COMMENT) || t.is(TokenType.BLOCK_COMMENT)) && t.offset() < before).toList();
    }

    static String directive(List<Token> comments) {
        String found = null;
        for (Token t : comments) {
            int i = t.text().indexOf(RENAMED_FROM);
            if (i < 0) continue;
            String rest = t.text().substring(i + RENAMED_FROM.length()).replace("*/", "").trim();
            String name = rest.split("\\s+")[0];
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) found = name.substring(1, name.length() - 1);
            else found = name.toLowerCase(java.util.Locale.ROOT);
        }
        return found;
    }

    // ------------------------------------------------------------------ token cursor

    private final class Cursor {
        final List<Token> toks;
        int pos;

        Cursor(List<Token> toks) {
            this.toks = toks;
        }

        boolean done() {
            return pos >= toks.size() || toks.get(pos).is(TokenType.SEMICOLON);
        }

        Token peek() {
            return done() ? null : toks.get(pos);
        }

        Token next() {
            return done() ? null : toks.get(pos++);
        }

        boolean at(String kw) {
            return !done() && toks.get(pos).isKeyword(kw);
        }

        boolean atDepth0Any(String... kws) {
            return !done() && toks.get(pos).isAnyKeyword(kws);
        }

        /** Consumes the keywords if all of them follow, else nothing. */
        boolean accept(String... kws) {
            for (int i = 0; i < kws.length; i++) {
                if (pos + i >= toks.size() || !toks.get(pos + i).isKeyword(kws[i])) return false;
            }
            pos += kws.length;
            return true;
        }

        void expect(String kw) {
            if (!accept(kw)) throw error(peek() == null ? toks.get(toks.size() - 1) : peek(), "expected " + kw
                    + (peek() == null ? " at the end" : " before '" + peek().text() + "'"));
        }

        String name() {
            Token t = next();
            if (t == null || !(t.is(TokenType.IDENTIFIER) || t.is(TokenType.QUOTED_IDENTIFIER))) {
                throw error(t == null ? toks.get(toks.size() - 1) : t, "expected a name" + (t == null ? "" : " before '" + t.text() + "'"));
            }
            return t.identifierValue();
        }

        String[] qualifiedName() {
            String a = name();
            if (peek() != null && peek().is(TokenType.DOT)) {
                next();
                return new String[]{a, name()};
            }
            return new String[]{"public", a};
        }

        long number() {
            boolean neg = false;
            if (peek() != null && peek().text().equals("-")) {
                next();
                neg = true;
            }
            Token t = next();
            if (t == null || !t.is(TokenType.NUMBER)) throw error(t, "expected a number");
            return neg ? -Long.parseLong(t.text()) : Long.parseLong(t.text());
        }

        void skipBalanced() {
            Token t = next();
            if (t != null && (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET))) {
                int depth = 1;
                while (depth > 0 && !done()) {
                    Token x = next();
                    if (x.is(TokenType.LPAREN) || x.is(TokenType.LBRACKET)) depth++;
                    else if (x.is(TokenType.RPAREN) || x.is(TokenType.RBRACKET)) depth--;
                }
            }
        }

        String text(int from, int to) {
            if (to <= from) return "";
            return source.substring(toks.get(from).offset(), toks.get(to - 1).end());
        }

        /** After an opening parenthesis: the comma-separated elements up to its close (consumed). */
        List<List<Token>> splitUntilClose() {
            List<List<Token>> out = new ArrayList<>();
            List<Token> cur = new ArrayList<>();
            int depth = 1;
            while (!done()) {
                Token t = next();
                if (t.is(TokenType.LPAREN)) depth++;
                else if (t.is(TokenType.RPAREN) && --depth == 0) {
                    out.add(cur);
                    return out;
                }
                if (depth == 1 && t.is(TokenType.COMMA)) {
                    out.add(cur);
                    cur = new ArrayList<>();
                } else {
                    cur.add(t);
                }
            }
            throw error(toks.get(toks.size() - 1), "unbalanced parentheses");
        }

        String parenthesised() {
            Token open = next();
            if (open == null || !open.is(TokenType.LPAREN)) throw error(open, "expected '('");
            int from = pos;
            int depth = 1;
            while (!done()) {
                Token t = next();
                if (t.is(TokenType.LPAREN)) depth++;
                else if (t.is(TokenType.RPAREN) && --depth == 0) return text(from, pos - 1);
            }
            throw error(open, "unbalanced parentheses");
        }

        List<String> nameList() {
            Token open = next();
            if (open == null || !open.is(TokenType.LPAREN)) throw error(open, "expected '(' with a column list");
            List<String> names = new ArrayList<>();
            while (true) {
                names.add(name());
                Token t = next();
                if (t == null) throw error(toks.get(toks.size() - 1), "unclosed column list");
                if (t.is(TokenType.RPAREN)) return names;
                if (!t.is(TokenType.COMMA)) throw error(t, "expected ',' or ')' in a column list");
            }
        }
    }
}

package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §2 (observed limits): declared char/varchar lengths are checked at DDL time. */
public final class TypeLengthLimit extends ColumnTypeRule {
    static final long CHAR_LIMIT = 4096;
    static final long VARCHAR_LIMIT = 65535;
    static final String CHAR = "Datatype limit greater than 4096 bytes not supported for char";
    static final String VARCHAR = "Datatype limit greater than 65535 bytes not supported for varchar";

    public TypeLengthLimit() {
        super("type-length-limit", "54000",
                "declare at most char(4096) / varchar(65535), or use text (up to 1 MiB) with a CHECK on length()");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (c.type().isArray()) return;
        Long n = c.type().firstTypmod();
        if (n == null) return;
        String name = c.type().canonical();
        String message = name.equals("character") && n > CHAR_LIMIT ? CHAR
                : name.equals("character varying") && n > VARCHAR_LIMIT ? VARCHAR : null;
        if (message == null) return;
        reportOnType(ctx, t, c, message, Fix.unfixable("choose between a smaller limit and text with "
                + "CHECK (length(col) <= " + n + ")"));
    }

    @Override
    public List<String> messages() {
        return List.of(CHAR, VARCHAR);
    }
}

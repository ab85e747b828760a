package io.dsqlkit.rules.types;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/** dsql-facts §1.1: no user-defined types; each form has its own message. CREATE DOMAIN is accepted. */
public final class CreateType extends BaseRule implements StatementRule {
    static final String ENUM = "CREATE TYPE not supported";
    static final String COMPOSITE = "unsupported statement: CompositeType";
    static final String RANGE = "unsupported statement: CreateRange";

    public CreateType() {
        super("create-type", "0A000",
                "DSQL has no user-defined types: use text with a CHECK constraint (or a DOMAIN) for enums, "
                        + "and columns or jsonb for composites");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        if (!Tokens.at(t, 0, "CREATE", "TYPE")) return;
        int nameEnd = Tokens.skipQualifiedName(t, 2);
        String message;
        if (nameEnd > 0 && Tokens.at(t, nameEnd, "AS", "RANGE")) message = RANGE;
        else if (nameEnd > 0 && Tokens.is(t, nameEnd, "AS") && Tokens.isType(t, nameEnd + 1, TokenType.LPAREN)) message = COMPOSITE;
        // Enums are observed; base and shell types (CREATE TYPE x (INPUT = ...), CREATE TYPE x)
        // UNVERIFIED (dsql-facts §1.1): assumed to get the same refusal as enums.
        else message = ENUM;
        Fix fix = nameEnd > 0 && Tokens.at(t, nameEnd, "AS", "ENUM")
                ? Fix.unfixable("replace the enum by text with CHECK (col IN (...)), or by CREATE DOMAIN ... AS text CHECK (VALUE IN (...))")
                : Fix.unfixable("DSQL has no user-defined types");
        ctx.report(this, t.get(0), t.get(1), message, fix);
    }

    @Override
    public List<String> messages() {
        return List.of(ENUM, COMPOSITE, RANGE);
    }
}

package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.4, §2: numeric precision is 1..1000 and scale -1000..1000 since 2026-08-25
 * (PostgreSQL 16's own limits and texts); before that DSQL capped precision at 38 and scale at 37.
 */
public final class NumericPrecision extends ColumnTypeRule {
    public NumericPrecision() {
        super("numeric-precision", "22023",
                "declare numeric(p,s) with p in 1..1000 and s in -1000..1000 (p <= 38, s <= 37 on the 2025-05 surface)");
    }

    static String precisionMessage(long p, long max) {
        return "NUMERIC precision " + p + " must be between 1 and " + max;
    }

    static String scaleMessage(long s, long min, long max) {
        return "NUMERIC scale " + s + " must be between " + min + " and " + max;
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (!c.type().canonical().equals("numeric") || c.type().typmods().isEmpty()) return;
        boolean current = ctx.profile().isAtLeast(Profile.DSQL_2026_09);
        // UNVERIFIED (dsql-facts §1.4): the 2025-05 texts are PostgreSQL's with DSQL's old bounds.
        long maxPrecision = current ? 1000 : 38;
        long minScale = current ? -1000 : 0;
        long maxScale = current ? 1000 : 37;
        Long p = parse(c.type().typmods().get(0));
        if (p == null) return;
        if (p < 1 || p > maxPrecision) {
            reportOnType(ctx, t, c, precisionMessage(p, maxPrecision), null);
            return;
        }
        if (c.type().typmods().size() > 1) {
            Long s = parse(c.type().typmods().get(1));
            if (s != null && (s < minScale || s > maxScale)) reportOnType(ctx, t, c, scaleMessage(s, minScale, maxScale), null);
        }
    }

    private static Long parse(String typmod) {
        try {
            return Long.parseLong(typmod.replace("_", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public List<String> messages() {
        return List.of(precisionMessage(1001, 1000), scaleMessage(1001, -1000, 1000), precisionMessage(39, 38));
    }
}

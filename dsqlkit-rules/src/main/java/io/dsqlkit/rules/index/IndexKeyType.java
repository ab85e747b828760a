package io.dsqlkit.rules.index;

import io.dsqlkit.rules.script.ScriptSchema;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.index.CreateIndexStatement;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;

import java.util.Set;

/**
 * Some column types cannot be index keys: timetz, interval, bytea, json and jsonb (dsql-facts
 * §1.4 index-support column, §4), and numeric before 2026-08-25. The type is only known for tables
 * created earlier in the same script, so only those keys are checked.
 */
public final class IndexKeyType extends BaseRule implements ScriptRule {
    public static final String EXAMPLE = "datatype jsonb is not supported in a key";

    private static final Set<String> NO_INDEX = Set.of("time with time zone", "interval", "bytea", "json", "jsonb");

    public IndexKeyType() {
        super("index-key-type", "0A000",
                "index a supported value derived from the column instead, e.g. an expression index on (doc->>'key')",
                ALL_PROFILES, EXAMPLE);
    }

    /** The message for a key of type {@code type} (PostgreSQL's type name, e.g. {@code time with time zone}). */
    public static String message(String type) {
        // UNVERIFIED (dsql-facts §4): recorded as "datatype <type> is not supported in a key"; how DSQL spells timetz is not.
        return "datatype " + type + " is not supported in a key";
    }

    private static final java.util.Set<String> RELEVANT = java.util.Set.of("CREATE INDEX", "CREATE TABLE", "ALTER TABLE", "DROP TABLE");

    @Override
    public void check(ScriptContext ctx) {
        ScriptSchema schema = new ScriptSchema();
        for (Statement s : ctx.statements()) {
            if (s.category() != StatementCategory.DDL || !RELEVANT.contains(s.kind())) continue;
            Tokens t = new Tokens(s.significant());
            CreateIndexStatement ci = t.kw(0, "CREATE") ? CreateIndexStatement.parse(t) : null;
            if (ci != null && ci.tableFrom >= 0) {
                ScriptSchema.Table table = schema.lookup(t, ci.tableFrom, ci.tableTo);
                if (table != null) check(ctx, t, ci, table);
            }
            schema.apply(s);
        }
    }

    private void check(ScriptContext ctx, Tokens t, CreateIndexStatement ci, ScriptSchema.Table table) {
        for (CreateIndexStatement.IndexKey k : ci.keys) {
            if (k.column < 0) continue;
            String type = table.columnTypes.get(t.nameValue(k.column));
            if (type == null || !unsupported(type, ctx.profile())) continue;
            Token col = t.at(k.column);
            ctx.report(this, col.offset(), col.text().length(), message(type), Fix.unfixable(
                    "DSQL cannot order " + type + " values in an index; index a value derived from the column "
                            + "(an expression index, or a column kept in step) or move it to INCLUDE (...)"));
            return;
        }
    }

    private static boolean unsupported(String type, Profile profile) {
        if (type.endsWith("[]")) return false; // array columns are refused earlier, by the column-type rule
        // numeric gained index support with precision 1000 on 2026-08-25 (dsql-facts §0, §1.4).
        return NO_INDEX.contains(type) || (type.equals("numeric") && !profile.isAtLeast(Profile.DSQL_2026_09));
    }
}

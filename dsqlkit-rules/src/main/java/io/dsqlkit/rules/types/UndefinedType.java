package io.dsqlkit.rules.types;

import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.TableColumns;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.rules.syntax.TypeName;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * dsql-facts §1.1: CREATE TYPE is refused, so a column declared with a type the same script tried
 * to create fails too: {@code type "mood" does not exist}. A script-level rule, because the type's
 * name comes from an earlier statement.
 */
public final class UndefinedType extends BaseRule implements ScriptRule {
    static String message(String type) {
        return "type \"" + type + "\" does not exist";
    }

    public UndefinedType() {
        super("undefined-type", "42704",
                "the type was never created (DSQL has no CREATE TYPE): use text with a CHECK constraint, or a DOMAIN",
                ALL_PROFILES, message("mood"));
    }

    @Override
    public void check(ScriptContext ctx) {
        Set<String> declared = new HashSet<>();
        for (Statement s : ctx.statements()) {
            if (s.category() == StatementCategory.EMPTY) continue;
            Token first = s.first();
            // Cheap pre-check: only CREATE TYPE, CREATE TABLE and ALTER TABLE matter here.
            if (first == null || !(first.isKeyword("CREATE") || (!declared.isEmpty() && first.isKeyword("ALTER")))) continue;
            List<Token> t = s.significant();
            if (Tokens.at(t, 0, "CREATE", "TYPE")) {
                int end = Tokens.skipQualifiedName(t, 2);
                if (end > 0) declared.add(Tokens.folded(t.get(end - 1)));
                continue;
            }
            if (declared.isEmpty()) continue;
            for (ColumnDefinition c : TableColumns.of(t)) {
                TypeName type = c.type();
                String name = type.quoted() ? type.written() : type.written().toLowerCase(java.util.Locale.ROOT);
                if (!declared.contains(name)) continue;
                Token from = type.first(t);
                Token last = t.get(type.nameEnd() - 1);
                ctx.report(this, from.offset(), last.end() - from.offset(), message(name),
                        Fix.unfixable("choose a supported column type (text with CHECK, or a DOMAIN) by hand"));
            }
        }
    }
}

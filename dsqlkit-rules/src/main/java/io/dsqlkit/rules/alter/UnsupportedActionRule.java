package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;

import java.util.Locale;

/**
 * An ALTER TABLE action DSQL refuses whose exact text was never recorded (dsql-facts §1.1, §1.7,
 * §9). The message follows DSQL's recorded pattern {@code unsupported ALTER TABLE <action>
 * statement}, naming the action's leading key words as written (upper-cased).
 */
abstract class UnsupportedActionRule extends AlterTableActionRule {
    private final ActionKind kind;
    private final int keywords;
    private final String unfixableReason;

    /**
     * @param keywords        how many leading key words of the action name it in the message
     * @param unfixableReason null when removing the action is a safe fix (it only tuned something DSQL lacks)
     */
    UnsupportedActionRule(String id, String help, ActionKind kind, int keywords, String unfixableReason, String example) {
        super(id, "0A000", help, ALL_PROFILES, example);
        this.kind = kind;
        this.keywords = keywords;
        this.unfixableReason = unfixableReason;
    }

    static String message(String words) {
        return "unsupported ALTER TABLE " + words + " statement";
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != kind) return;
        int n = keywords;
        if (s.t.kw(a.from, "NO")) n++; // NO FORCE / NO INHERIT
        if (s.t.kw(a.from + 1, "REPLICA", "ALWAYS") && kind == ActionKind.RULE) n++;
        StringBuilder words = new StringBuilder();
        for (int i = a.from; i < a.from + n && i <= a.to; i++) {
            if (words.length() > 0) words.append(' ');
            words.append(s.t.at(i).text().toUpperCase(Locale.ROOT));
        }
        Fix fix;
        if (unfixableReason != null) {
            fix = Fix.unfixable(unfixableReason);
        } else {
            TextEdit remove = AlterFixes.removeAction(s, s.actions.indexOf(a));
            fix = Fix.of("remove it: it only tunes something DSQL does not have",
                    remove != null ? remove : Edits.deleteStatement(ctx.source(), ctx.statement()));
        }
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), message(words.toString()), fix);
    }
}

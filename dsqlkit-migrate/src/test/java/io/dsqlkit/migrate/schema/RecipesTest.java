package io.dsqlkit.migrate.schema;

import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recipes are the rules' own fixes: what they write lints clean and migrate can plan it. */
class RecipesTest {
    @Test
    void addColumnRecipeIsTheLintersFixAndLintsClean() {
        String recipe = Recipes.addColumnWithDefault("app.orders", "status", "text", "'active'");
        String fixed = new Linter(Profile.CURRENT)
                .fix("ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS status text DEFAULT 'active';\n").fixed();
        assertThat(recipe).endsWith(fixed).startsWith("-- add status text DEFAULT 'active' to app.orders");
        assertThat(new Linter(Profile.CURRENT).lint(recipe).diagnostics()).isEmpty();
        assertThat(recipe)
                .contains("ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS status text;")
                .contains("ALTER TABLE app.orders ALTER COLUMN status SET DEFAULT 'active';")
                .contains("-- dsqlkit:batch\nUPDATE app.orders SET status = 'active' WHERE status IS NULL;");
        assertThat(recipe.indexOf("SET DEFAULT")).isLessThan(recipe.indexOf("UPDATE"));
    }

    @Test
    void addColumnRecipeRefusesWhatDsqlWouldRefuseWithTheRulesMessage() {
        assertThatThrownBy(() -> Recipes.addColumnWithDefault("t", "tags", "text[]", "'{}'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write an add-column recipe");
    }

    @Test
    void addColumnRecipeKeepsWhatTheUserTypedInsideOneStatementAndItsComment() {
        for (String[] bad : new String[][] {{"int", "0; DROP TABLE t"}, {"int; DROP TABLE t; --", "0"}, {"int", "0 --"},
                {"int", "0 /* unterminated"}}) {
            assertThatThrownBy(() -> Recipes.addColumnWithDefault("t", "c", bad[0], bad[1]))
                    .as(String.join(" | ", bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one SQL");
        }
        // a line break in a name or a literal cannot end the header comment and put SQL on the next line
        String recipe = Recipes.addColumnWithDefault("t", "c\nDROP TABLE x; --", "text", "'a\nDROP TABLE y;'");
        assertThat(io.dsqlkit.sql.ScriptSplitter.split(recipe)).extracting(io.dsqlkit.sql.Statement::kind)
                .containsExactly("ALTER TABLE", "ALTER TABLE", "UPDATE", "");
        assertThat(recipe.lines().findFirst().orElseThrow()).startsWith("-- add ").contains("DROP TABLE x").contains("DROP TABLE y");
        assertThat(new Linter(Profile.CURRENT).lint(recipe).diagnostics()).isEmpty();
    }
}

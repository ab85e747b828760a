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
}

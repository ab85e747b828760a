package io.dsqlkit.rules;

import java.util.List;

/**
 * A mechanical fix: non-overlapping text edits over the linted text. A fix that cannot be made
 * safely is an {@link #unfixable(String)} with the reason and no edits.
 */
public record Fix(String description, List<TextEdit> edits, String unfixableReason) {
    public Fix {
        edits = List.copyOf(edits);
    }

    public static Fix of(String description, List<TextEdit> edits) {
        return new Fix(description, edits, null);
    }

    public static Fix of(String description, TextEdit... edits) {
        return new Fix(description, List.of(edits), null);
    }

    public static Fix unfixable(String reason) {
        return new Fix("no automatic fix", List.of(), reason);
    }

    public boolean isFixable() {
        return unfixableReason == null && !edits.isEmpty();
    }
}

package io.dsqlkit.rules;

import java.util.List;

/**
 * The text after applying fixes, the findings that were fixed, and what is left (unfixable ones
 * carry their reason in {@link Fix#unfixableReason()}).
 */
public record FixResult(String original, String fixed, List<Diagnostic> applied, List<Diagnostic> remaining) {
    public FixResult {
        applied = List.copyOf(applied);
        remaining = List.copyOf(remaining);
    }

    public boolean changed() {
        return !original.equals(fixed);
    }
}

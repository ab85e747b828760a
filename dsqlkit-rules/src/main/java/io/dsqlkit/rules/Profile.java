package io.dsqlkit.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A DSQL surface named by date (dsql-facts §0). Rules say in which profiles they apply; a statement
 * DSQL accepts today must not be flagged under {@link #CURRENT}.
 */
public enum Profile {
    /** The GA surface (2025-05): no foreign keys, no json/jsonb columns, no sequences or identity. */
    DSQL_2025_05("2025-05"),
    /** The surface as of 2026-09 (sequences, identity, json/jsonb, FKs, partial and expression indexes). */
    DSQL_2026_09("2026-09");

    public static final Profile CURRENT = DSQL_2026_09;

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isAtLeast(Profile other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code 2025-05}, {@code 2026-09} (or {@code current}); fails naming the valid values. */
    public static Profile parse(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("current") || s.equalsIgnoreCase("latest")) return CURRENT;
        for (Profile p : values()) if (p.id.equals(s.trim())) return p;
        throw new IllegalArgumentException("unknown DSQL profile '" + s + "'; expected one of "
                + Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", ")) + " (default " + CURRENT.id + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}

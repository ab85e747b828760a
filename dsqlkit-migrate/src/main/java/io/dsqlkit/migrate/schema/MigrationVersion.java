package io.dsqlkit.migrate.schema;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A Flyway version: dot- or underscore-separated numbers (1, 1.1, 2_0_3), compared part by part. */
public record MigrationVersion(String text, List<BigInteger> parts) implements Comparable<MigrationVersion> {

    public static MigrationVersion parse(String raw) {
        String norm = raw.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String p : norm.split("\\.")) {
            if (!p.matches("[0-9]+")) {
                throw new IllegalArgumentException("invalid migration version '" + raw + "': use numbers separated by "
                        + "dots or underscores, e.g. V1__init.sql or V1_2__add_index.sql");
            }
            parts.add(new BigInteger(p));
        }
        // 1.0 and 1 are the same version (as in Flyway)
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) parts.remove(parts.size() - 1);
        return new MigrationVersion(norm, List.copyOf(parts));
    }

    @Override
    public int compareTo(MigrationVersion o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < o.parts.size() ? o.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) return c;
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.dsqlkit.migrate.integrity;

import java.util.List;

/** Child rows whose reference matches no parent row: how many, and a sample of their key values. */
public record Orphans(Relationship relationship, long count, List<List<String>> sample) {
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(count == 0 ? "ok      " : "ORPHANS ").append(relationship.describe()).append("  [").append(relationship.source())
                .append("]");
        if (count > 0) {
            sb.append(": ").append(count).append(" child rows reference no parent");
            if (!sample.isEmpty()) sb.append("; e.g. (").append(String.join(", ", relationship.columns())).append(") = ")
                    .append(sample.stream().map(r -> "(" + String.join(", ", r) + ")").toList());
        }
        return sb.toString();
    }
}

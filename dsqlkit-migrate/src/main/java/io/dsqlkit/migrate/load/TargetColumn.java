package io.dsqlkit.migrate.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A column of the target table with the checks that are cheap to do client-side, so bad values are
 * rejected with their line number before a chunk is sent (the server is asked only about the rest).
 */
public record TargetColumn(String name, String type, boolean notNull) {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}|\\{.*}");
    private static final Set<String> BOOLS = Set.of("t", "f", "true", "false", "y", "n", "yes", "no", "on", "off", "1", "0");
    /** DSQL's limit for a column value not in an index (dsql-facts §2). */
    private static final int MAX_VALUE_BYTES = 1 << 20;

    public static List<TargetColumn> of(Connection c, String table) throws SQLException {
        List<TargetColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, format_type(atttypid, atttypmod), attnotnull"
                + " FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped"
                + " AND attgenerated = '' ORDER BY attnum")) {
            ps.setString(1, io.dsqlkit.migrate.support.Sql.qualified(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new TargetColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        if (out.isEmpty()) throw new SQLException("table " + table + " does not exist or has no columns", "42P01");
        return out;
    }

    /** Why {@code value} cannot go into this column, or null when it looks fine. */
    public String problem(String value) {
        if (value == null) return notNull ? "null value in column \"" + name + "\" violates not-null constraint" : null;
        String t = type.toLowerCase(Locale.ROOT);
        String v = value.trim();
        try {
            switch (t) {
                case "smallint" -> range(Long.parseLong(v), Short.MIN_VALUE, Short.MAX_VALUE);
                case "integer" -> range(Long.parseLong(v), Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "bigint" -> Long.parseLong(v);
                case "real", "double precision" -> {
                    if (!v.matches("(?i)nan|[+-]?infinity")) Double.parseDouble(v);
                }
                case "boolean" -> {
                    if (!BOOLS.contains(v.toLowerCase(Locale.ROOT))) return "invalid input syntax for type boolean: \"" + value + "\" (column " + name + ")";
                }
                case "uuid" -> {
                    if (!UUID.matcher(v).matches()) return "invalid input syntax for type uuid: \"" + value + "\" (column " + name + ")";
                }
                default -> {
                    if (t.startsWith("numeric") && !v.equalsIgnoreCase("nan")) new BigDecimal(v);
                }
            }
        } catch (NumberFormatException e) {
            return "invalid input syntax for type " + type + ": \"" + value + "\" (column " + name + ")";
        } catch (ArithmeticException e) {
            return "value \"" + value + "\" is out of range for type " + type + " (column " + name + ")";
        }
        if (value.length() > MAX_VALUE_BYTES / 4 && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return "value of column " + name + " is larger than DSQL's 1 MiB column limit (54000 maximum column size exceeded)";
        }
        return null;
    }

    private static void range(long v, long min, long max) {
        if (v < min || v > max) throw new ArithmeticException();
    }
}

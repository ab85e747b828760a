package io.dsqlkit.mcp.db;

import io.dsqlkit.mcp.tools.ToolResults;
import org.postgresql.core.BaseConnection;
import org.postgresql.jdbc.PgResultSet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SQL values as JSON values, without precision loss:
 * <ul>
 *   <li>int2/int4: numbers; int8: a number when |v| < 2^53 (exact in every JSON parser), else a string;</li>
 *   <li>numeric: a number when it has at most 15 significant digits (exact as a double), else a string;</li>
 *   <li>float4/float8: numbers (NaN and infinities as strings); booleans as booleans;</li>
 *   <li>bytea: base64; date/time/timestamp[tz]: ISO-8601 strings; interval: ISO-8601 durations
 *       ({@code P1DT2H3M}, each part with its own sign as PostgreSQL's {@code iso_8601} style writes it);</li>
 *   <li>xml: the document's text;</li>
 *   <li>json/jsonb: the parsed JSON value; uuid and everything else: the server's text form;</li>
 *   <li>arrays: JSON arrays of the element values.</li>
 * </ul>
 */
public final class JsonValues {
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L; // 2^53 - 1, JavaScript's Number.MAX_SAFE_INTEGER

    private JsonValues() {}

    public static Object value(ResultSet rs, int col, ResultSetMetaData md) throws SQLException {
        return value(rs, col, typeName(rs, md, col), md.getColumnType(col));
    }

    /**
     * The column's type name from the type OID in the result's row description, as the driver's type cache names
     * it (built-in types are preloaded: no round trip). Not {@link ResultSetMetaData#getColumnTypeName}: pgjdbc
     * asks the catalog there whether a table column is a serial, one round trip per new table and connection.
     */
    public static String typeName(ResultSet rs, ResultSetMetaData md, int col) throws SQLException {
        if (rs.isWrapperFor(PgResultSet.class)) {
            int oid = rs.unwrap(PgResultSet.class).getColumnOID(col);
            java.sql.Connection c = rs.getStatement() == null ? null : rs.getStatement().getConnection();
            if (c != null && c.isWrapperFor(BaseConnection.class)) {
                String name = c.unwrap(BaseConnection.class).getTypeInfo().getPGType(oid);
                if (name != null) return name;
            }
        }
        return md.getColumnTypeName(col);
    }

    /** One value as JSON-ready Java, given its column's {@link #typeName} and JDBC type (looked up once per column). */
    public static Object value(ResultSet rs, int col, String typeName, int type) throws SQLException {
        switch (typeName) {
            case "json", "jsonb" -> {
                String s = rs.getString(col);
                return s == null ? null : parseJson(s);
            }
            case "bytea" -> {
                byte[] b = rs.getBytes(col);
                return b == null ? null : Base64.getEncoder().encodeToString(b);
            }
            case "timestamptz" -> {
                String s = rs.getString(col);
                if (s == null || s.endsWith("infinity") || s.endsWith(" BC")) return s; // no ISO form: the server's text
                OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                return t == null ? null : t.toString();
            }
            case "timestamp" -> {
                String s = rs.getString(col);
                if (s == null || s.endsWith("infinity") || s.endsWith(" BC")) return s;
                LocalDateTime t = rs.getObject(col, LocalDateTime.class);
                return t == null ? null : t.toString();
            }
            case "date" -> {
                String s = rs.getString(col);
                if (s == null) return null;
                // infinity/-infinity and BC dates have no ISO form; keep the server's text (pgjdbc maps infinity to LocalDate.MAX)
                if (s.endsWith("infinity") || s.endsWith(" BC")) return s;
                try {
                    return rs.getObject(col, LocalDate.class).toString();
                } catch (SQLException | RuntimeException e) {
                    return s;
                }
            }
            case "time" -> {
                LocalTime t = rs.getObject(col, LocalTime.class);
                return t == null ? null : t.toString();
            }
            case "xml" -> {
                return rs.getString(col); // getObject is a java.sql.SQLXML, whose toString is an object name
            }
            case "interval" -> {
                Object o = rs.getObject(col);
                return o == null ? null : scalar(o);
            }
            case "timetz" -> {
                OffsetTime t = rs.getObject(col, OffsetTime.class);
                return t == null ? null : t.toString();
            }
            default -> { }
        }
        if (type == Types.ARRAY) {
            Array a = rs.getArray(col);
            return a == null ? null : array(a.getArray());
        }
        Object o = rs.getObject(col);
        if (o == null) return null;
        return scalar(o);
    }

    static Object scalar(Object o) {
        if (o instanceof Integer || o instanceof Short || o instanceof Boolean || o instanceof String) return o;
        if (o instanceof Long l) return Math.abs(l) <= MAX_SAFE_INTEGER ? (Object) l : l.toString();
        if (o instanceof BigInteger b) return b.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) <= 0 ? (Object) b.longValue() : b.toString();
        if (o instanceof BigDecimal d) return decimal(d);
        if (o instanceof Double d) return d.isNaN() || d.isInfinite() ? d.toString() : d;
        if (o instanceof Float f) return f.isNaN() || f.isInfinite() ? f.toString() : (Object) Double.parseDouble(f.toString());
        if (o instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
        if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
        if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (o instanceof java.sql.Time t) return t.toLocalTime().toString();
        if (o instanceof Object[] arr) return array(arr);
        if (o instanceof org.postgresql.util.PGInterval i) return isoDuration(i);
        if (o instanceof java.sql.SQLXML x) {
            try {
                return x.getString();
            } catch (java.sql.SQLException e) {
                return null;
            }
        }
        return o.toString(); // uuid, inet, money, enums, domains, ranges: the server's text
    }

    /**
     * An interval as an ISO-8601 duration, the form PostgreSQL's {@code intervalstyle = iso_8601} writes:
     * years, months, days, then hours, minutes and seconds (with up to six decimals), zero parts left
     * out, each part with its own sign ({@code -1 day +02:00} is {@code P-1DT2H}); a zero interval is
     * {@code PT0S}.
     */
    static String isoDuration(org.postgresql.util.PGInterval i) {
        StringBuilder sb = new StringBuilder("P");
        part(sb, i.getYears(), 'Y');
        part(sb, i.getMonths(), 'M');
        part(sb, i.getDays(), 'D');
        long micros = i.getWholeSeconds() * 1_000_000L + i.getMicroSeconds();
        if (i.getHours() != 0 || i.getMinutes() != 0 || micros != 0) {
            sb.append('T');
            part(sb, i.getHours(), 'H');
            part(sb, i.getMinutes(), 'M');
            if (micros != 0) sb.append(BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString()).append('S');
        }
        return sb.length() == 1 ? "PT0S" : sb.toString();
    }

    private static void part(StringBuilder sb, long n, char unit) {
        if (n != 0) sb.append(n).append(unit);
    }

    static Object decimal(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.precision() <= 15 && stripped.scale() <= 300 && stripped.scale() >= -300) {
            if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(MAX_SAFE_INTEGER)) <= 0) return stripped.longValueExact();
            return d.doubleValue();
        }
        return d.toPlainString();
    }

    private static Object array(Object raw) {
        if (!(raw instanceof Object[] arr)) return raw == null ? null : raw.toString();
        List<Object> out = new ArrayList<>(arr.length);
        for (Object e : arr) out.add(e == null ? null : scalar(e));
        return out;
    }

    private static Object parseJson(String s) {
        try {
            return ToolResults.mapper().readValue(s, Object.class);
        } catch (Exception e) {
            return s;
        }
    }
}

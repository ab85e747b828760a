package io.dsqlkit.mcp.tools;

import java.util.List;
import java.util.Map;

/** Typed access to tool arguments; failures name the argument and are returned as tool errors. */
public final class Args {
    private final Map<String, Object> args;

    public Args(Map<String, Object> args) {
        this.args = args == null ? Map.of() : args;
    }

    public String requiredString(String name) {
        String s = optionalString(name, null);
        if (s == null || s.isBlank()) throw ToolError.badArgument(name, "is required (a non-empty string)");
        return s;
    }

    public String optionalString(String name, String fallback) {
        Object v = args.get(name);
        if (v == null) return fallback;
        if (!(v instanceof String s)) throw ToolError.badArgument(name, "must be a string");
        return s;
    }

    public boolean bool(String name, boolean fallback) {
        Object v = args.get(name);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
        throw ToolError.badArgument(name, "must be a boolean");
    }

    public int integer(String name, int fallback, int min, int max) {
        Object v = args.get(name);
        if (v == null) return fallback;
        long n;
        if (v instanceof Number num) n = num.longValue();
        else if (v instanceof String s && s.matches("-?\\d+")) n = Long.parseLong(s);
        else throw ToolError.badArgument(name, "must be an integer");
        if (n < min || n > max) throw ToolError.badArgument(name, "must be between " + min + " and " + max);
        return (int) n;
    }

    /** A JSON array of values (bind parameters); null when absent. */
    public List<Object> list(String name) {
        Object v = args.get(name);
        if (v == null) return null;
        if (v instanceof List<?> l) return new java.util.ArrayList<Object>(l); // may hold nulls (SQL NULL)
        throw ToolError.badArgument(name, "must be an array");
    }

    public Object raw(String name) {
        return args.get(name);
    }
}

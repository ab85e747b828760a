package io.dsqlkit.mcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder for the JSON schemas of tool inputs, and the output schemas of tools that return rows. */
public final class Schemas {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    public static Schemas object() {
        return new Schemas();
    }

    public Schemas string(String name, String description, boolean isRequired) {
        return property(name, Map.of("type", "string", "description", description), isRequired);
    }

    public Schemas bool(String name, String description) {
        return property(name, Map.of("type", "boolean", "description", description), false);
    }

    public Schemas integer(String name, String description, int min, int max) {
        return property(name, Map.of("type", "integer", "description", description, "minimum", min, "maximum", max), false);
    }

    /** An array of bind values ($1, $2, ...): any JSON scalar (null = SQL NULL). */
    public Schemas parameters(String name, String description) {
        return property(name, Map.of("type", "array", "description", description,
                "items", Map.of("type", List.of("string", "number", "integer", "boolean", "null"))), false);
    }

    public Schemas stringArray(String name, String description, boolean isRequired) {
        return property(name, Map.of("type", "array", "description", description, "items", Map.of("type", "string"),
                "minItems", 1), isRequired);
    }

    public Schemas property(String name, Map<String, Object> schema, boolean isRequired) {
        properties.put(name, schema);
        if (isRequired) required.add(name);
        return this;
    }

    public Map<String, Object> build() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("properties", properties);
        if (!required.isEmpty()) m.put("required", required);
        m.put("additionalProperties", false);
        return m;
    }

    /**
     * The output schema of a rows result ({@link io.dsqlkit.mcp.db.ResultReader}): clients that
     * validate it (the TypeScript SDK does, failed calls included) get {@code structuredContent} in
     * exactly one of two shapes: the rows, or {@code {error, ...details}} when {@code isError}.
     */
    public static Map<String, Object> rowsResult() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("required", List.of("error"));
        error.put("properties", Map.of("error", Map.of("type", "string", "description", "What failed and what to do"),
                "sqlstate", Map.of("type", "string")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("anyOf", List.of(rows(), error));
        return m;
    }

    private static Map<String, Object> rows() {
        Map<String, Object> column = Map.of("type", "object", "required", List.of("name", "type"), "properties",
                Map.of("name", Map.of("type", "string"), "type", Map.of("type", "string", "description", "PostgreSQL type name")));
        return new Schemas()
                .property("columns", Map.of("type", "array", "items", column, "description", "Result columns in order"), true)
                .property("rows", Map.of("type", "array", "items", Map.of("type", "object"),
                        "description", "One object per row, keyed by column name (duplicate names get _2, _3 ...)"), true)
                .property("rowCount", Map.of("type", "integer", "description", "Rows returned"), true)
                .property("truncated", Map.of("type", "boolean", "description", "True when rows were left out (see truncatedReason)"), true)
                .property("truncatedReason", Map.of("type", "string", "description", "Which limit cut the result and what to do"), false)
                .property("valuesCut", Map.of("type", "integer", "description", "Values cut at the value size limit"), false)
                .property("valuesCutReason", Map.of("type", "string"), false)
                .property("attempts", Map.of("type", "integer", "description", "Attempts this call made (retries included)"), false)
                .property("job_id", Map.of("type", "string"), false)
                .buildOpen();
    }

    /** Like {@link #build()} but open to properties added later (output schemas grow compatibly). */
    private Map<String, Object> buildOpen() {
        Map<String, Object> m = build();
        m.remove("additionalProperties");
        return m;
    }
}

package io.dsqlkit.mcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder for the JSON schemas of tool inputs. */
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
}

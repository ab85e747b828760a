package io.dsqlkit.migrate.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON-lines record as column -> text, read with Jackson's streaming parser (strict JSON: no
 * {@code +1}, no {@code 01}): strings unescaped, numbers and booleans exactly as written, null as
 * Java null, nested objects and arrays as their JSON text (ready for json/jsonb columns).
 */
final class JsonRecord {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonRecord() {}

    /** @throws IllegalArgumentException naming the character where the line stops being a JSON object */
    static Map<String, String> parse(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error(p, "a JSON-lines record must be an object");
            Map<String, String> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                String text;
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    text = line.substring(start, (int) p.currentLocation().getCharOffset());
                } else {
                    text = v == JsonToken.VALUE_NULL ? null : p.getText();
                }
                if (out.containsKey(key)) throw error(p, "duplicate key \"" + key + "\"");
                out.put(key, text);
            }
            if (p.nextToken() != null) throw error(p, "unexpected text after the object");
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON at character " + (e.getLocation() == null ? "?"
                    : e.getLocation().getCharOffset() + 1) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException error(JsonParser p, String what) {
        return new IllegalArgumentException("invalid JSON at character " + (p.currentTokenLocation().getCharOffset() + 1) + ": " + what);
    }
}

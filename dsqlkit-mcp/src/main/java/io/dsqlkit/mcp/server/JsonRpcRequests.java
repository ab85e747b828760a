package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON-RPC request line in one streaming pass. The SDK's {@code McpSchema.deserializeJsonRpcMessage} binds
 * the line to a map and then converts the map to the request record: two passes of data binding, the largest share
 * of a tool call's own CPU time in the MCP server. This builds the very record the SDK would build (the same id type,
 * the same untyped params: {@link LinkedHashMap}, {@link ArrayList}, String, Integer/Long/BigInteger, Double,
 * Boolean, null), for the plain shape every client sends: one object with {@code jsonrpc}, {@code method},
 * {@code id} (a string or an integer; a notification has none) and optionally {@code params} (an object), each once.
 * Anything else (a response, a duplicate or unknown member anywhere, a stray type, trailing content, a malformed
 * line) returns null and goes to the SDK's reader unchanged, which also words any error. {@code JsonRpcRequestsTest}
 * compares both readers on a corpus and on generated requests.
 */
final class JsonRpcRequests {
    /** Jackson 3's default read constraints, as the SDK's mapper has them: what fails there returns null here. */
    private static final JsonFactory JSON = new JsonFactory();

    private JsonRpcRequests() {}

    /** The request on this line, as the SDK would read it, or null to let the SDK read the line. */
    static McpSchema.JSONRPCRequest read(String line) {
        return readMessage(line) instanceof McpSchema.JSONRPCRequest r ? r : null;
    }

    /**
     * The request or notification on this line, as the SDK would read it, or null to let the SDK read the line. A
     * notification has the request's plain shape without {@code id}: a client's {@code notifications/initialized},
     * whose reading by the SDK was the first use of Jackson's data binding on a fresh server (~85 ms), between the
     * initialize answer and the client's tools/list.
     */
    static McpSchema.JSONRPCMessage readMessage(String line) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
            McpSchema.JSONRPCMessage m = message(p);
            return m != null && p.nextToken() == null ? m : null;
        } catch (JacksonException | NotPlain e) {
            return null;
        }
    }

    private static McpSchema.JSONRPCMessage message(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        String jsonrpc = null;
        String method = null;
        Object id = null;
        Object params = null;
        boolean hasParams = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "jsonrpc" -> {
                    if (jsonrpc != null || v != JsonToken.VALUE_STRING) return null;
                    jsonrpc = p.getString();
                }
                case "method" -> {
                    if (method != null || v != JsonToken.VALUE_STRING) return null;
                    method = p.getString();
                }
                case "id" -> {
                    if (id != null) return null;
                    // a string or an integer the request record accepts (it refuses a BigInteger)
                    if (v == JsonToken.VALUE_STRING) id = p.getString();
                    else if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) id = integer(p);
                    else return null;
                }
                case "params" -> {
                    if (hasParams || v != JsonToken.START_OBJECT) return null;
                    hasParams = true;
                    params = object(p);
                }
                default -> {
                    return null;
                }
            }
        }
        if (jsonrpc == null || method == null) return null;
        return id != null ? new McpSchema.JSONRPCRequest(jsonrpc, method, id, params) : new McpSchema.JSONRPCNotification(jsonrpc, method, params);
    }

    /** An object's members, the parser on its START_OBJECT; a member name seen twice is not plain. */
    private static Map<String, Object> object(JsonParser p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (m.containsKey(name)) throw new NotPlain();
            m.put(name, value(p, v));
        }
        return m;
    }

    private static Object value(JsonParser p, JsonToken v) {
        return switch (v) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) list.add(value(p, t));
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new NotPlain();
        };
    }

    /** Integer, Long or BigInteger: the smallest that holds it, as Jackson's untyped binding does. */
    private static Object integer(JsonParser p) {
        return switch (p.getNumberType()) {
            case INT -> p.getIntValue();
            case LONG -> p.getLongValue();
            default -> p.getBigIntegerValue();
        };
    }

    /** Thrown inside the walk when the line is not of the plain shape. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }
}

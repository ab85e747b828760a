package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.db.PlainJson;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to an MCP {@code initialize} request, read and written with jackson-core's streaming parser and
 * generator only. The stdio server writes it as soon as the request arrives ({@link StdioTransport#answerInitializeEarly}),
 * before the MCP SDK's server and Jackson's data binding (whose first use on a cold JVM costs tens of milliseconds)
 * are ready; the SDK session then handles the same request as usual, which records the client, and its answer,
 * the same one, is dropped. The answer is the SDK's: the version negotiation of its initialize handler (the
 * client's version if the transport supports it, else the newest one the transport supports) and the server's
 * capabilities, info and instructions as the SDK serializes them. {@code InitializeAnswerTest} compares both
 * answers for a corpus of requests.
 * <p>
 * Only a request of the shape clients send gets an early answer: {@code jsonrpc}, {@code id} (a string or an
 * integer), {@code method} and {@code params} once each and nothing else; {@code params} with a string
 * {@code protocolVersion}, objects for {@code capabilities} and {@code _meta}, and {@code clientInfo} made of
 * strings; {@code roots.listChanged} a boolean. For anything else (and for capabilities this writer does not
 * write) {@link #answer} returns empty and the SDK alone answers, as before: an odd request costs time, never a
 * different answer.
 */
public final class InitializeAnswer {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> CLIENT_INFO_STRINGS = Set.of("name", "title", "version", "description", "websiteUrl");
    private static final Set<String> CLIENT_CAPABILITY_OBJECTS = Set.of("experimental", "sampling", "elicitation", "extensions");

    /** An early answer: the request's id (a String or a Long) and the JSON line (without the line break). */
    public record Early(Object id, String json) {}

    private final List<String> protocolVersions;
    private final McpSchema.ServerCapabilities capabilities;
    private final McpSchema.Implementation serverInfo;
    private final String instructions;

    private InitializeAnswer(List<String> protocolVersions, McpSchema.ServerCapabilities capabilities,
                             McpSchema.Implementation serverInfo, String instructions) {
        this.protocolVersions = List.copyOf(protocolVersions);
        this.capabilities = capabilities;
        this.serverInfo = serverInfo;
        this.instructions = instructions;
    }

    /**
     * The answers of a server with these properties, or empty when they hold something this writer does not write
     * (experimental capabilities or extensions, server icons): then the SDK alone answers.
     */
    public static Optional<InitializeAnswer> of(List<String> protocolVersions, McpSchema.ServerCapabilities capabilities,
                                                McpSchema.Implementation serverInfo, String instructions) {
        if (protocolVersions.isEmpty() || capabilities.experimental() != null || capabilities.extensions() != null
                || serverInfo.icons() != null) {
            return Optional.empty();
        }
        return Optional.of(new InitializeAnswer(protocolVersions, capabilities, serverInfo, instructions));
    }

    /**
     * Runs the class initialization {@link #answer} needs (on {@link JsonWarmUp}'s thread, before the request comes):
     * jackson-core's parser base class, whose static initializer initializes {@code java.math.BigDecimal}, 12-16 ms of
     * class initialization on a cold Java 25, and its generator's.
     */
    static void prepare() {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), "0")) {
            p.nextToken();
        }
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), new StringWriter())) {
            g.writeNumber(0); // the generator's base class has static initialization of its own
        }
    }

    /** The answer to this line, or empty when it is not an initialize request of the plain shape above. */
    public Optional<Early> answer(String line) {
        Request request;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
            request = Request.read(p);
            if (request == null || p.nextToken() != null) return Optional.empty(); // trailing content
        } catch (JacksonException e) {
            return Optional.empty();
        }
        String version = protocolVersions.contains(request.protocolVersion)
                ? request.protocolVersion : protocolVersions.get(protocolVersions.size() - 1);
        return Optional.of(new Early(request.id, write(request.id, version)));
    }

    private String write(Object id, String version) {
        StringWriter out = new StringWriter(256 + (instructions == null ? 0 : instructions.length()));
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            ToolCallAnswers.writeResultHead(g, McpSchema.JSONRPC_VERSION, id);
            g.writeStartObject();
            g.writeStringProperty("protocolVersion", version);
            writeCapabilities(g);
            g.writeName("serverInfo");
            g.writeStartObject();
            PlainJson.writeOptional(g, "name", serverInfo.name());
            PlainJson.writeOptional(g, "title", serverInfo.title());
            PlainJson.writeOptional(g, "version", serverInfo.version());
            PlainJson.writeOptional(g, "description", serverInfo.description());
            PlainJson.writeOptional(g, "websiteUrl", serverInfo.websiteUrl());
            g.writeEndObject();
            PlainJson.writeOptional(g, "instructions", instructions);
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString();
    }

    /** In the order of the SDK record's components, leaving out what is null (the SDK's NON_ABSENT inclusion). */
    private void writeCapabilities(JsonGenerator g) {
        McpSchema.ServerCapabilities c = capabilities;
        g.writeName("capabilities");
        g.writeStartObject();
        if (c.completions() != null) emptyObject(g, "completions");
        if (c.logging() != null) emptyObject(g, "logging");
        if (c.prompts() != null) {
            g.writeName("prompts");
            g.writeStartObject();
            PlainJson.writeOptional(g, "listChanged", c.prompts().listChanged());
            g.writeEndObject();
        }
        if (c.resources() != null) {
            g.writeName("resources");
            g.writeStartObject();
            PlainJson.writeOptional(g, "subscribe", c.resources().subscribe());
            PlainJson.writeOptional(g, "listChanged", c.resources().listChanged());
            g.writeEndObject();
        }
        if (c.tools() != null) {
            g.writeName("tools");
            g.writeStartObject();
            PlainJson.writeOptional(g, "listChanged", c.tools().listChanged());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void emptyObject(JsonGenerator g, String name) {
        g.writeName(name);
        g.writeStartObject();
        g.writeEndObject();
    }


    /** What the answer needs from a plain initialize request; {@link #read} returns null for anything else. */
    private record Request(Object id, String protocolVersion) {
        static Request read(JsonParser p) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            Set<String> seen = new HashSet<>();
            Object id = null;
            String protocolVersion = null;
            boolean initialize = false;
            boolean jsonrpc = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (!seen.add(name)) return null;
                JsonToken v = p.nextToken();
                switch (name) {
                    case "jsonrpc" -> jsonrpc = v == JsonToken.VALUE_STRING && McpSchema.JSONRPC_VERSION.equals(p.getString());
                    case "method" -> initialize = v == JsonToken.VALUE_STRING && McpSchema.METHOD_INITIALIZE.equals(p.getString());
                    case "id" -> id = id(p, v);
                    case "params" -> protocolVersion = params(p, v);
                    default -> {
                        return null;
                    }
                }
                p.skipChildren(); // a container where a scalar belongs (params consumed its own)
            }
            return jsonrpc && initialize && id != null && protocolVersion != null ? new Request(id, protocolVersion) : null;
        }

        private static Object id(JsonParser p, JsonToken v) {
            if (v == JsonToken.VALUE_STRING) return p.getString();
            if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) return p.getLongValue();
            return null;
        }

        /** The protocol version, or null when the params are not of the plain shape. */
        private static String params(JsonParser p, JsonToken v) {
            if (v != JsonToken.START_OBJECT) return null; // the caller skips it
            Set<String> seen = new HashSet<>();
            String version = null;
            boolean ok = true;
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                ok &= seen.add(name);
                switch (name) {
                    case "protocolVersion" -> {
                        if (value == JsonToken.VALUE_STRING) version = p.getString();
                        else ok = false;
                    }
                    case "capabilities" -> ok &= capabilities(p, value);
                    case "clientInfo" -> ok &= clientInfo(p, value);
                    case "_meta" -> ok &= skipObject(p, value);
                    default -> {
                        ok = false;
                        p.skipChildren();
                    }
                }
            }
            return ok ? version : null;
        }

        private static boolean capabilities(JsonParser p, JsonToken v) {
            return eachMember(p, v, (name, value) -> "roots".equals(name) ? eachMember(p, value, Request::rootsMember)
                    : CLIENT_CAPABILITY_OBJECTS.contains(name) & skipObject(p, value));
        }

        private static boolean rootsMember(String name, JsonToken value) {
            return "listChanged".equals(name) && (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE);
        }

        private static boolean clientInfo(JsonParser p, JsonToken v) {
            return eachMember(p, v, (name, value) -> CLIENT_INFO_STRINGS.contains(name) && value == JsonToken.VALUE_STRING);
        }

        /** A check of one object member, given its name and first value token; it may read the value itself. */
        private interface MemberCheck {
            boolean ok(String name, JsonToken value);
        }

        /** Whether {@code v} starts an object whose every member passes {@code check}; reads past the object either way. */
        private static boolean eachMember(JsonParser p, JsonToken v, MemberCheck check) {
            if (v != JsonToken.START_OBJECT) {
                p.skipChildren();
                return false;
            }
            boolean ok = true;
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                ok &= check.ok(name, p.nextToken());
                p.skipChildren(); // what the check left of a container value
            }
            return ok;
        }

        /** Skips an object value: true if it was one. */
        private static boolean skipObject(JsonParser p, JsonToken v) {
            p.skipChildren();
            return v == JsonToken.START_OBJECT;
        }
    }
}

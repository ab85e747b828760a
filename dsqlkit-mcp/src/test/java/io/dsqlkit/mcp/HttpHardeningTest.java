package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.HttpSettings;
import io.dsqlkit.mcp.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP transport refuses without leaking internals, caps and expires sessions, and checks the Host header. */
class HttpHardeningTest {
    static final String TOKEN = "hardening-token";
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";
    final HttpClient http = HttpClient.newHttpClient();

    static HttpServer start(HttpSettings settings) throws Exception {
        return HttpServer.start(new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false)), "127.0.0.1", 0, TOKEN, settings);
    }

    HttpResponse<String> post(HttpServer s, String body, String session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) b.header("Mcp-Session-Id", session);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertSafeJsonRpcError(HttpResponse<String> r, int status, int code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":");
        assertThat(r.body().length()).isLessThan(400);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("stackTrace").doesNotContain("at io.").doesNotContain("java.");
    }

    @Test
    void malformedMessagesAndUnknownSessionsGetJsonRpcErrorsWithoutInternals() throws Exception {
        try (HttpServer s = start(HttpSettings.defaults())) {
            assertSafeJsonRpcError(post(s, "{\"jsonrpc\": \"2.0\", \"method\": ", null), 400, -32700);
            assertSafeJsonRpcError(post(s, "[1, 2, 3]", null), 400, -32700);
            assertSafeJsonRpcError(post(s, "not json at all", null), 400, -32700);
            HttpResponse<String> unknown = post(s, LIST, "no-such-session");
            assertSafeJsonRpcError(unknown, 404, -32000);
            assertThat(unknown.body()).contains("send initialize");
            assertThat(post(s, INIT, null).statusCode()).isEqualTo(200); // still serving
        }
    }

    @Test
    void sessionsAreCappedAndIdleOnesExpire() throws Exception {
        try (HttpServer s = start(HttpSettings.defaults().withMaxSessions(2).withSessionIdle(Duration.ofSeconds(1)))) {
            HttpResponse<String> first = post(s, INIT, null);
            String id = first.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(s, INIT, null).statusCode()).isEqualTo(200);
            HttpResponse<String> third = post(s, INIT, null);
            assertSafeJsonRpcError(third, 503, -32000);
            assertThat(third.body()).contains("too many open sessions");

            Thread.sleep(2_500); // both sessions idle for longer than 1 s
            assertSafeJsonRpcError(post(s, LIST, id), 404, -32000);
            HttpResponse<String> again = post(s, INIT, null);
            assertThat(again.statusCode()).as("expired sessions free their places").isEqualTo(200);
            String fresh = again.headers().firstValue("Mcp-Session-Id").orElseThrow();
            post(s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", fresh);
            HttpResponse<String> listed = post(s, LIST, fresh);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"query\"");
        }
    }

    @Test
    void theHostHeaderMustNameTheBoundAddress() throws Exception {
        try (HttpServer s = start(HttpSettings.defaults())) {
            assertThat(rawInit(s, "evil.example:" + s.port())).startsWith("HTTP/1.1 403").contains("host not allowed");
            assertThat(rawInit(s, "attacker.localhost.example.com")).startsWith("HTTP/1.1 403");
            assertThat(rawInit(s, "127.0.0.1:" + s.port())).startsWith("HTTP/1.1 200");
            assertThat(rawInit(s, "localhost:" + s.port())).startsWith("HTTP/1.1 200");
        }
    }

    /**
     * A refused request (here: no bearer token) is answered before its body is read, so the server
     * must not leave the connection looking reusable: a keep-alive client that sends the next request
     * on it would read nothing back. Seen once in CI as "HTTP/1.1 header parser received no bytes".
     */
    @Test
    void refusalsCloseTheConnectionSoAKeepAliveClientNeverReadsNothing() throws Exception {
        try (HttpServer s = start(HttpSettings.defaults())) {
            HttpRequest.Builder unauthenticated = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(INIT + " ".repeat(32_000)));
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = http.send(unauthenticated.build(), HttpResponse.BodyHandlers.ofString());
                assertSafeJsonRpcError(r, 401, -32000);
                assertThat(r.headers().firstValue("Connection")).as("refusal %d", i).hasValue("close");
            }
            assertThat(post(s, INIT, null).statusCode()).isEqualTo(200);
        }
    }

    /** An initialize with a hand-written Host header (java.net.http does not let a caller set it). */
    static String rawInit(HttpServer s, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            socket.setSoTimeout(60_000);
            byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

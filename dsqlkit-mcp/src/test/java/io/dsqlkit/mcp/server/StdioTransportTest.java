package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.TestDatabase;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One JSON line per answer, a parse error for a line that is not JSON-RPC, and the end of stdin reported. */
class StdioTransportTest {
    /** initialize (id 1) and the initialized notification, as a client's first two lines. */
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    /**
     * The client's end of stdin, and the server's answers line by line. OS-like pipes ({@link Pipe}), not
     * {@code PipedInputStream}, which breaks when the thread that last used it ends: the transport reads and
     * writes on whichever of its threads handles a message, as it would on a real stdin.
     */
    private static final class Pipes {
        final OutputStream client;
        final InputStream serverIn;
        final OutputStream serverOut;
        final BufferedReader answers;

        Pipes() throws java.io.IOException {
            Pipe toServer = Pipe.open();
            Pipe fromServer = Pipe.open();
            client = Channels.newOutputStream(toServer.sink());
            serverIn = Channels.newInputStream(toServer.source());
            serverOut = Channels.newOutputStream(fromServer.sink());
            answers = new BufferedReader(new InputStreamReader(Channels.newInputStream(fromServer.source()), StandardCharsets.UTF_8));
        }

        StdioTransport transport(Runnable onEnd) {
            return new StdioTransport(McpJsonDefaults.getMapper(), serverIn, serverOut, onEnd);
        }
    }

    @Test
    @Timeout(180)
    void answersLineByLineAndReportsTheEndOfInput() throws Exception {
        Pipes p = new Pipes();
        CountDownLatch ended = new CountDownLatch(1);
        McpSyncServer mcp = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false)).start(p.transport(ended::countDown));
        try {
            OutputStream w = p.client;
            w.write(("{not json\n" + INITIALIZE
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"dsql_guide\",\"arguments\":{\"topic\":\"constraints\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            w.flush();
            assertThat(p.answers.readLine()).contains("-32700").contains("Parse error");
            assertThat(p.answers.readLine()).contains("\"id\":1").contains("dsqlkit-aurora-dsql");
            String guide = p.answers.readLine();
            assertThat(guide).contains("\"id\":2").contains("CREATE INDEX ASYNC"); // a multi-line page, one line on the wire
            w.close();
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            mcp.closeGracefully();
        }
    }

    /**
     * The task the server starts once the client is initialized (connecting ahead of the first call) starts after the
     * client's initialized notification and after the SDK's part of the initialize exchange, on a thread of its own.
     */
    @Test
    @Timeout(180)
    void theAfterInitializedTaskStartsOnceTheClientIsInitialized() throws Exception {
        Pipes p = new Pipes();
        DsqlMcpServer server = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false));
        StdioTransport transport = p.transport(() -> { });
        CountDownLatch ran = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        transport.afterInitialized(() -> {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
        });
        McpSyncServer mcp = server.startWithToolsInBackground(transport);
        try {
            String[] lines = INITIALIZE.split("\n");
            p.client.write((lines[0] + "\n").getBytes(StandardCharsets.UTF_8));
            p.client.flush();
            assertThat(p.answers.readLine()).contains("\"id\":1");
            assertThat(ran.await(300, TimeUnit.MILLISECONDS)).as("not before the initialized notification").isFalse();
            p.client.write((lines[1] + "\n").getBytes(StandardCharsets.UTF_8));
            p.client.flush();
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get()).startsWith("dsqlkit-mcp-after-initialized");
            p.client.close();
        } finally {
            mcp.closeGracefully();
        }
    }

    /**
     * A stdio start as {@link DsqlMcpServer#startWithToolsInBackground} makes it, with each step in the test's hands:
     * reading with the early initialize answer, requests held until {@link #registeredWithSdk} opens, the tools built
     * (and the list rendered) when the test calls {@code server.directTools}, the SDK server built by {@link #finish}.
     */
    private record EarlyStart(Pipes p, DsqlMcpServer server, StdioTransport transport, CountDownLatch registeredWithSdk) {
        static EarlyStart reading() throws java.io.IOException {
            Pipes p = new Pipes();
            DsqlMcpServer server = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false));
            StdioTransport transport = p.transport(() -> { });
            CountDownLatch registeredWithSdk = new CountDownLatch(1);
            transport.holdRequestsUntil(registeredWithSdk);
            server.initializeAnswer(transport).ifPresent(transport::answerInitializeEarly);
            return new EarlyStart(p, server, transport, registeredWithSdk);
        }

        void send(String lines) throws java.io.IOException {
            p.client.write(lines.getBytes(StandardCharsets.UTF_8));
            p.client.flush();
        }

        /** The next answer is the tools/list (id 2) with every tool of the catalog. */
        void assertNextIsTheWholeList() throws java.io.IOException {
            String list = p.answers.readLine();
            assertThat(list).contains("\"id\":2");
            for (io.dsqlkit.mcp.tools.DsqlTool tool : server.catalog()) assertThat(list).contains("\"name\":\"" + tool.name() + "\"");
        }

        /** Builds the SDK server (its session now exists), opens the hold, runs {@code then}, ends the session. */
        void finish(java.util.concurrent.Callable<?> then) throws Exception {
            McpSyncServer mcp = server.start(transport);
            try {
                registeredWithSdk.countDown();
                then.call();
                p.client.close();
            } finally {
                mcp.closeGracefully();
            }
        }
    }

    /**
     * The client's tools/list, sent right after the initialize answer, is answered from the rendered list as soon as the
     * tools are built: without the SDK session (the server is not built yet) and before the tools are registered with
     * the SDK (the hold on other requests stays closed). It waited for both before (~70 ms of a cold start). What goes
     * to the SDK is handled once the server exists.
     */
    @Test
    @Timeout(180)
    void toolsListIsAnsweredBeforeTheSdkServerExists() throws Exception {
        EarlyStart s = EarlyStart.reading();
        s.server().directTools(s.transport());
        s.send(INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n");
        assertThat(s.p().answers.readLine()).contains("\"id\":1").contains("dsqlkit-aurora-dsql");
        s.assertNextIsTheWholeList();
        s.finish(() -> assertThat(s.p().answers.readLine()).contains("\"id\":3").contains("\"result\":{}"));
    }

    /**
     * A tools/list read while the tools are still being built waits for their rendered list, not for the tools'
     * registration with the SDK (on Java 17 the reader often got there first and then waited for the SDK server's build).
     */
    @Test
    @Timeout(180)
    void aToolsListReadBeforeTheListIsRenderedIsAnsweredOnceItIs() throws Exception {
        EarlyStart s = EarlyStart.reading();
        s.send(INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n");
        assertThat(s.p().answers.readLine()).contains("\"id\":1");
        Thread.sleep(200); // the reader has read the tools/list by now (if not, it finds the list rendered: the same answer)
        s.server().directTools(s.transport());
        s.assertNextIsTheWholeList();
        assertThat(s.registeredWithSdk().getCount()).as("answered with the hold still closed").isEqualTo(1);
        s.finish(() -> null);
    }

    /**
     * A tool call sent right after tools/list (a scripted client, the MCP Inspector's CLI mode) is answered directly
     * without waiting for the tools' registration with the SDK; a call the SDK must take (an unknown tool) waits for it.
     */
    @Test
    @Timeout(180)
    void aDirectToolCallDoesNotWaitForTheSdkRegistration() throws Exception {
        EarlyStart s = EarlyStart.reading();
        s.server().directTools(s.transport());
        s.send(INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"dsql_guide\",\"arguments\":{\"topic\":\"constraints\"}}}\n");
        assertThat(s.p().answers.readLine()).contains("\"id\":1");
        s.assertNextIsTheWholeList();
        assertThat(s.p().answers.readLine()).as("the direct call, before the SDK call").contains("\"id\":4").contains("CREATE INDEX ASYNC");
        assertThat(s.registeredWithSdk().getCount()).as("answered with the hold still closed").isEqualTo(1);
        s.finish(() -> assertThat(s.p().answers.readLine()).contains("\"id\":3").contains("Unknown tool"));
    }

    /** Tools added in the background: a tools/list sent with initialize still lists every tool, in catalog order. */
    @Test
    @Timeout(180)
    void toolsAddedInTheBackgroundAreAllListedToTheFirstRequest() throws Exception {
        Pipes p = new Pipes();
        DsqlMcpServer server = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false));
        McpSyncServer mcp = server.startWithToolsInBackground(p.transport(() -> { }));
        try {
            p.client.write((INITIALIZE + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
            p.client.flush();
            assertThat(p.answers.readLine()).contains("\"id\":1").contains("dsqlkit-aurora-dsql");
            String list = p.answers.readLine();
            assertThat(list).contains("\"id\":2");
            int at = -1;
            for (io.dsqlkit.mcp.tools.DsqlTool tool : server.catalog()) {
                int next = list.indexOf("\"name\":\"" + tool.name() + "\"");
                assertThat(next).as(tool.name()).isGreaterThan(at);
                at = next;
            }
            // the SDK handled initialize off the reader (the SDK lane); what it answers still comes, in order, and a call
            // it takes (an unknown tool) waits for it
            p.client.write(("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/list\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\",\"arguments\":{}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            p.client.flush();
            java.util.Map<Integer, String> more = new java.util.TreeMap<>();
            for (int i = 0; i < 3; i++) {
                String line = p.answers.readLine();
                more.put(id(line), line);
            }
            assertThat(more.keySet()).containsExactly(3, 4, 5);
            assertThat(more.get(3)).contains("\"result\":{}");
            assertThat(more.get(4)).contains("dsql://");
            assertThat(more.get(5)).contains("Unknown tool");
            p.client.close();
        } finally {
            mcp.closeGracefully();
        }
    }

    /**
     * Tool calls answered without the SDK's pipeline ({@link DirectToolCalls}) get the SDK's answers: the same
     * requests, to a server answering directly and to one whose transport leaves every call to the SDK, give the same
     * lines (the data fence's random tags aside). Calls the direct path leaves to the SDK are among them: an unknown
     * tool, arguments that are not an object, a progress token; and a call sent before the client's initialized
     * notification.
     */
    @Test
    @Timeout(180)
    void directAnswersAreTheSdksAnswers() throws Exception {
        String early = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 2\"}}}\n";
        String[] calls = {
                "{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 1 AS one, 'x' AS t\"}}",
                "{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT $1::int + 1\",\"parameters\":[41]}}",
                "{\"name\":\"query\",\"arguments\":{}}",
                "{\"name\":\"query\",\"arguments\":{\"sql\":\"DELETE FROM pg_class\"}}",
                "{\"name\":\"execute\",\"arguments\":{\"sql\":\"CREATE TABLE t (id int)\"}}",
                "{\"name\":\"dsql_lint\",\"arguments\":{\"sql\":\"CREATE INDEX i ON t (id)\"}}",
                "{\"name\":\"dsql_guide\",\"arguments\":{\"topic\":\"constraints\"}}",
                "{\"name\":\"no_such_tool\",\"arguments\":{}}",
                "{\"name\":\"query\",\"arguments\":5}",
                "{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 3\"},\"_meta\":{\"progressToken\":\"p1\"}}",
        };
        StringBuilder requests = new StringBuilder(early).append(INITIALIZE);
        for (int i = 0; i < calls.length; i++) {
            requests.append("{\"jsonrpc\":\"2.0\",\"id\":").append(10 + i).append(",\"method\":\"tools/call\",\"params\":")
                    .append(calls[i]).append("}\n");
        }
        // tools/list, answered from the list rendered once (ToolsListJson); the SDK ignores a cursor, and so does that
        requests.append("{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"tools/list\"}\n")
                .append("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":\"tools/list\",\"params\":{\"cursor\":\"x\"}}\n");
        int count = calls.length + 4;
        java.util.List<String> direct = answers(requests.toString(), count, true);
        java.util.List<String> sdk = answers(requests.toString(), count, false);
        assertThat(direct).hasSize(count).isEqualTo(sdk);
        assertThat(direct.get(count - 1)).startsWith("{\"jsonrpc\":\"2.0\",\"id\":41,\"result\":{\"tools\":[{\"name\":\"query\"");
        assertThat(String.join("\n", direct)).contains("\"id\":9").contains("Unknown tool").contains("\"isError\":true");
    }

    /** The answers, sorted by id, fence tags masked; {@code direct} false leaves every call to the SDK. */
    private static java.util.List<String> answers(String requests, int count, boolean direct) throws Exception {
        Pipes p = new Pipes();
        StdioTransport transport = p.transport(() -> { });
        McpSyncServer mcp = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(false)).start(transport);
        DirectToolCalls calls = (DirectToolCalls) java.lang.invoke.MethodHandles.privateLookupIn(StdioTransport.class,
                java.lang.invoke.MethodHandles.lookup()).findVarHandle(StdioTransport.class, "direct", DirectToolCalls.class).get(transport);
        if (!direct) transport.callToolsDirectly(null);
        try {
            p.client.write(requests.getBytes(StandardCharsets.UTF_8));
            p.client.flush();
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) out.add(p.answers.readLine().replaceAll("<<<data-[0-9a-f]{16}>>>", "<<<data-TAG>>>"));
            out.sort(java.util.Comparator.comparing(StdioTransportTest::id));
            // the seven plain calls after initialized; the early call (id 9) too when the initialized notification,
            // read on by another thread while the early call was being handled, got there first (the same answer)
            if (direct) assertThat(calls.answered()).as("calls answered directly").isBetween(7L, 8L);
            p.client.close();
            return out;
        } finally {
            mcp.closeGracefully();
        }
    }

    private static int id(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}

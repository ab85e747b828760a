package io.dsqlkit.mcp.server;

import io.dsqlkit.client.LazyLogger;
import io.dsqlkit.mcp.db.AfterAnswer;
import io.dsqlkit.mcp.db.DaemonThreads;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * MCP over stdio without thread hand-offs that buy nothing. The SDK's transport reads stdin on one
 * thread, handles messages through a queue, and writes every answer through a queue on a third
 * thread; a tool call then crosses three threads, each a wake-up on a busy machine. Here a tool call
 * is handled on the thread that read it (leader/follower): before handling, that thread passes the
 * reading of stdin to an idle worker, so a long call never blocks stdin, and the call itself waits
 * for no wake-up. Every other message (initialize, lists, notifications, pings) is handled in line,
 * in the order it came, before the next line is read. Each line is parsed once; an answer is written
 * by the thread that produced it, under a lock, one JSON line each. The server must be built with the
 * SDK's immediate execution ({@link DsqlMcpServer#start}), else the SDK moves every tool call to its
 * own pool again. When every worker is busy ({@value #MAX_WORKERS} calls in flight) the reading thread handles the
 * request itself and reads on after it: the client waits, the server does not grow.
 * <p>
 * Start-up: {@link #answerInitializeEarly} starts reading before the server is built and answers the client's
 * {@code initialize} at once ({@link InitializeAnswer}); the SDK session handles that request when it exists, and
 * its own answer, the same, is not written again. That handling is the SDK's first use of Jackson's data binding and
 * of Reactor (~150 ms on a fresh JVM), so it runs off the reader, on a thread of its own (the SDK lane), and every
 * message for the SDK that comes while it runs queues behind it in order; what is answered without the SDK (tools/list,
 * {@link DirectToolCalls}' tool calls once the client said it is initialized) does not wait for it. Without this, the
 * client's tools/list, sent right after the initialize answer, waited those 150 ms.
 */
public final class StdioTransport implements McpServerTransportProvider {
    private static final LazyLogger log = new LazyLogger(StdioTransport.class); // SLF4J starts when first used
    static final int MAX_WORKERS = 32;

    private final Supplier<McpJsonMapper> mapperSource;
    private volatile McpJsonMapper mapper;
    private final OutputStream out;
    private final Runnable onEnd;
    private volatile McpServerSession session;
    private volatile boolean closing;
    private volatile CountDownLatch held;
    private final LineReader reader;
    private final ThreadPoolExecutor workers;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final CountDownLatch sessionCreated = new CountDownLatch(1);
    private volatile InitializeAnswer early;
    /** The id of an initialize request answered early: the SDK's own answer to it is not written. */
    private volatile Object answeredEarly;
    /** Tool calls answered without the SDK's pipeline ({@link DirectToolCalls}), once the client said it is initialized. */
    private volatile DirectToolCalls direct;
    /** Notified when {@link #direct} is set (its list is rendered then). */
    private final Object listRendered = new Object();
    private volatile boolean initialized;
    /** Runs once the session is initialized ({@link #afterInitialized}); null when none or when started. */
    private volatile Runnable whenInitialized;
    /**
     * The SDK's handling of the early-answered initialize and of the messages for the SDK read while it ran, in order,
     * on the SDK lane; null when there is none. Set only by the thread reading stdin (one at a time).
     */
    private volatile CompletableFuture<Void> sdkLane;
    private volatile ExecutorService laneThread;

    /** {@code onEnd} runs when stdin ends (the client went away) or cannot be read. */
    public StdioTransport(McpJsonMapper mapper, InputStream in, OutputStream out, Runnable onEnd) {
        this(() -> mapper, in, out, onEnd);
    }

    /** The same, with the JSON mapper made on first use (its construction is a part of a cold start). */
    public StdioTransport(Supplier<McpJsonMapper> mapper, InputStream in, OutputStream out, Runnable onEnd) {
        this.mapperSource = mapper;
        this.out = out;
        this.onEnd = onEnd;
        this.reader = new LineReader(in);
        this.workers = new ThreadPoolExecutor(0, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("dsqlkit-mcp"));
    }

    /**
     * Every request but {@code initialize} waits (on the reader thread) until {@code ready} opens; notifications
     * pass. For a server that registers part of itself after start-up. Call before the server is built.
     */
    public void holdRequestsUntil(CountDownLatch ready) {
        held = ready;
    }

    /**
     * Answers tools/list from {@code calls}' rendered list ({@link DirectToolCalls}) from now on, and tools/call requests
     * through it from the client's {@code notifications/initialized} on (before it the SDK holds tool calls back, and still does).
     */
    public void callToolsDirectly(DirectToolCalls calls) {
        synchronized (listRendered) {
            direct = calls;
            listRendered.notifyAll();
        }
    }

    /**
     * A tools/list answered from {@link DirectToolCalls}' rendered list: at once when it is rendered, and when it is
     * not yet while requests are held ({@link #holdRequestsUntil}), once it is (the tools thread renders it before it
     * registers the tools with the SDK, which the hold waits for). False for any other message, when the list could not
     * be rendered, and when the hold opens first: the caller goes on as for any request.
     */
    private boolean listedWhenRendered(McpSchema.JSONRPCMessage message) throws InterruptedException {
        if (!isRequest(message, McpSchema.METHOD_TOOLS_LIST)) return false;
        CountDownLatch ready = held;
        synchronized (listRendered) {
            while (direct == null && ready != null && ready.getCount() > 0) {
                listRendered.wait(5); // the hold's opening does not notify: look again every 5 ms
            }
        }
        return listedDirectly(message);
    }

    /**
     * Starts {@code task} on a daemon thread of its own once the client said it is initialized and the SDK's part of
     * the initialize exchange is done: work that would otherwise delay the first tool call (connecting to the
     * database) without competing with the first answers. Call before the server is built.
     */
    public void afterInitialized(Runnable task) {
        whenInitialized = task;
    }

    private void startWhenInitializedTask() {
        Runnable task = whenInitialized;
        if (task == null) return;
        whenInitialized = null;
        Runnable start = () -> DaemonThreads.named("dsqlkit-mcp-after-initialized").newThread(task).start();
        CompletableFuture<Void> lane = sdkLane;
        if (lane == null) start.run();
        else lane.whenComplete((ignored, failure) -> start.run());
    }

    private void awaitReady(McpSchema.JSONRPCMessage message) throws InterruptedException {
        CountDownLatch ready = held;
        if (ready == null || !(message instanceof McpSchema.JSONRPCRequest request)
                || McpSchema.METHOD_INITIALIZE.equals(request.method())) return;
        ready.await();
        held = null;
    }

    /**
     * Starts reading stdin now, before the server is built: if the first line is an initialize request that
     * {@code answer} can answer, the answer is written at once ({@link InitializeAnswer}); the request, and every
     * line after it for the SDK, is handled once the SDK session exists (a tools/list is answered from the rendered list
     * as soon as there is one, see {@link #callToolsDirectly}). Call at most once, before the server is built.
     */
    public void answerInitializeEarly(InitializeAnswer answer) {
        early = answer;
        startReading();
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new SessionTransport());
        sessionCreated.countDown();
        startReading();
    }

    private void startReading() {
        if (!reading.compareAndSet(false, true)) return;
        Thread reader = new Thread(this::readLoop, "dsqlkit-mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** The mapper this transport writes the SDK's answers with (made on first use). */
    McpJsonMapper mapper() {
        McpJsonMapper m = mapper;
        if (m == null) {
            synchronized (mapperSource) {
                m = mapper;
                if (m == null) mapper = m = mapperSource.get();
            }
        }
        return m;
    }

    /** Writes the early answer to the first line, if it gets one; true when it did. */
    private boolean answerEarly(String line) {
        InitializeAnswer answer = early;
        if (answer == null) return false;
        early = null;
        var a = answer.answer(line);
        if (a.isEmpty()) return false;
        answeredEarly = a.get().id();
        writeLine(a.get().json());
        return true;
    }

    /** True (once) for the SDK's answer to a request answered early: that answer is already out. */
    private boolean answeredEarly(McpSchema.JSONRPCMessage message) {
        Object id = answeredEarly;
        if (id == null || !(message instanceof McpSchema.JSONRPCResponse response) || !sameId(id, response.id())) return false;
        answeredEarly = null;
        if (response.error() != null) {
            log.get().warn("initialize was answered early, but the MCP SDK then refused it: {}", response.error().message());
        }
        return true;
    }

    private static boolean sameId(Object early, Object id) {
        if (early instanceof Long l) return (id instanceof Long || id instanceof Integer) && ((Number) id).longValue() == l;
        return early.equals(id);
    }

    /** Reads until a request comes (handled here, after passing the reading on) or stdin ends. */
    private void readLoop() {
        try {
            for (String line; !closing && (line = reader.readLine()) != null; ) {
                if (line.isBlank()) continue;
                boolean answeredNow = answerEarly(line);
                McpSchema.JSONRPCMessage message;
                try {
                    message = JsonRpcRequests.readMessage(line); // one streaming pass for the plain request shape
                    if (message == null) message = McpSchema.deserializeJsonRpcMessage(mapper(), line);
                } catch (IOException | RuntimeException e) {
                    log.get().debug("not a JSON-RPC message on stdin: {}", e.toString());
                    // the SDK's response type refuses a null id, which JSON-RPC requires when the id is unknown
                    writeLine(JsonRpcErrors.body(JsonRpcErrors.PARSE_ERROR, "Parse error: each line must be one JSON-RPC message"));
                    continue;
                }
                if (answeredNow) { // the SDK's part of the initialize exchange, off this thread (see the class comment)
                    laneThread = Executors.newSingleThreadExecutor(DaemonThreads.named("dsqlkit-mcp-sdk"));
                    McpSchema.JSONRPCMessage initialize = message;
                    sdkLane = CompletableFuture.runAsync(() -> AfterAnswer.handle(() -> toSdk(initialize)), laneThread);
                    continue;
                }
                if (message instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(n.method())) {
                    initialized = true; // the SDK learns it in order, below
                    startWhenInitializedTask();
                }
                // The rendered list is every tool: it waits neither for the SDK session nor for the tools' registration
                // with the SDK (awaitReady), only for the list, which is rendered before (or, failing that, the SDK answers).
                try {
                    if (listedWhenRendered(message)) continue;
                    // A tool call that may be answered directly needs no SDK registration either; one the SDK takes
                    // waits for it in handle().
                    if (!mayBeAnsweredDirectly(message)) awaitReady(message);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (listedDirectly(message)) continue;
                if (isRequest(message, McpSchema.METHOD_TOOLS_CALL)) {
                    if (passReadingOn()) {
                        handle(message); // a worker reads the next line meanwhile
                        return;
                    }
                    handle(message);
                } else if (!queuedOnSdkLane(message)) {
                    handle(message);
                }
            }
        } catch (IOException e) {
            if (!closing) log.get().debug("stdin failed: {}", e.toString());
        } catch (RuntimeException e) {
            log.get().warn("stdin reader failed: {}", e.toString());
        }
        awaitSdkLane(); // what was read is answered before the end is reported
        ExecutorService lane = laneThread;
        if (lane != null) lane.shutdown();
        workers.shutdown();
        try {
            reader.close();
        } catch (IOException ignored) {
            // stdin is gone either way
        }
        onEnd.run();
    }

    /** An idle (or new) worker takes over reading stdin; false when all {@value #MAX_WORKERS} are busy. */
    private boolean passReadingOn() {
        try {
            workers.execute(this::readLoop);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Handles {@code message} on this thread; what the handling deferred until after its answer runs here too
     * ({@link AfterAnswer}). What goes to the SDK waits for the SDK lane first: the SDK sees messages in the order they came.
     */
    private void handle(McpSchema.JSONRPCMessage message) {
        AfterAnswer.handle(() -> {
            if (message instanceof McpSchema.JSONRPCRequest r && answeredDirectly(r)) return;
            try {
                awaitReady(message); // a tool call the reader let pass (mayBeAnsweredDirectly) that the SDK takes after all
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            awaitSdkLane();
            toSdk(message);
        });
    }

    /** A tools/call that {@link #answeredDirectly} may answer: the direct calls are in and the client is initialized. */
    private boolean mayBeAnsweredDirectly(McpSchema.JSONRPCMessage message) {
        return direct != null && initialized && isRequest(message, McpSchema.METHOD_TOOLS_CALL);
    }

    /** The SDK session handles {@code message} (its answer, if any, is written through {@link SessionTransport}). */
    private void toSdk(McpSchema.JSONRPCMessage message) {
        try {
            sessionCreated.await(); // stdin is read from before the server is built (answerInitializeEarly)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            session.handle(message).subscribe(null, e -> log.get().debug("message handling failed: {}", e.toString()));
        } catch (RuntimeException e) {
            log.get().warn("message handling failed: {}", e.toString());
        }
    }

    /** While the SDK lane is busy, {@code message} (not a tool call) is queued on it, in order: true. */
    private boolean queuedOnSdkLane(McpSchema.JSONRPCMessage message) {
        CompletableFuture<Void> lane = sdkLane;
        if (lane == null) return false;
        if (lane.isDone()) {
            sdkLane = null;
            return false;
        }
        sdkLane = lane.thenRunAsync(() -> AfterAnswer.handle(() -> toSdk(message)), laneThread);
        return true;
    }

    /** Waits until the SDK has handled what was queued on its lane. */
    private void awaitSdkLane() {
        CompletableFuture<Void> lane = sdkLane;
        if (lane != null) lane.join(); // each step catches its own failures
    }

    private static boolean isRequest(McpSchema.JSONRPCMessage message, String method) {
        return message instanceof McpSchema.JSONRPCRequest r && method.equals(r.method());
    }

    /**
     * A tools/list answered from {@link DirectToolCalls}' rendered list; false (nothing written) for any other message,
     * and when the list is not rendered (yet).
     */
    private boolean listedDirectly(McpSchema.JSONRPCMessage message) {
        if (!isRequest(message, McpSchema.METHOD_TOOLS_LIST)) return false;
        DirectToolCalls calls = direct;
        String answer = calls == null ? null : calls.toolsListAnswer(((McpSchema.JSONRPCRequest) message).id());
        if (answer == null) return false;
        writeLine(answer);
        return true;
    }

    /** A tool call answered by {@link DirectToolCalls}; false (nothing run) when the SDK is to take it. */
    private boolean answeredDirectly(McpSchema.JSONRPCRequest request) {
        DirectToolCalls calls = direct;
        if (calls == null || !initialized || !McpSchema.METHOD_TOOLS_CALL.equals(request.method())) return false;
        McpSchema.JSONRPCResponse response;
        try {
            McpSchema.CallToolResult result = calls.call(request.params());
            if (result == null) return false;
            response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null);
        } catch (RuntimeException | StackOverflowError e) { // the tool adapter maps failures to results: a bug
            log.get().warn("tool call failed: {}", e.toString());
            response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), null,
                    new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR, "internal error in tools/call", null));
        }
        write(response);
        return true;
    }

    private void write(McpSchema.JSONRPCMessage message) {
        try {
            String fast = ToolCallAnswers.json(message); // one streaming pass for a tool call's answer
            // JSON escapes line breaks inside strings: one line per message
            writeLine(fast != null ? fast : mapper().writeValueAsString(message));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize an MCP message", e);
        }
    }

    private void writeLine(String json) {
        // one write with its line end: System.out flushes at every '\n' it is given apart, a second system call
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                if (!closing) log.get().debug("stdout failed: {}", e.toString());
            }
        }
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                if (!answeredEarly(message)) write(message);
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return mapper().convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> closing = true);
        }

        @Override
        public void close() {
            closing = true;
        }
    }
}

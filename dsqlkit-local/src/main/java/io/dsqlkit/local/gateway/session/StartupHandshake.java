package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.auth.AuthFailure;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.IamTokenVerifier;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage;
import io.dsqlkit.local.gateway.protocol.FrontendType;
import io.dsqlkit.local.gateway.protocol.ProtocolException;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import java.util.List;

/**
 * The startup conversation (r2dbc-postgresql's StartupMessageFlow): SSLRequest/GSSENCRequest,
 * CancelRequest, StartupMessage, the IAM token as a cleartext password (dsql-facts §5), the database
 * check; then, once the session has opened its backend connection, the backend's startup answers
 * relayed up to its first ReadyForQuery (the cancel key the gateway's own), or, for a backend session
 * kept by the {@link BackendPool}, the same answers replayed. Failures are FATAL errors (the session then closes).
 */
final class StartupHandshake {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");

    /** What the handshake decides. */
    interface Events {
        /** The client is who it says and asked for the one database: open its backend session. */
        void authenticated(String user, StartupMessage startup);

        /** A CancelRequest (a connection of its own): forward it, then close. */
        void cancel(FrontendMessage.CancelRequest request);

        /** Send FATAL and close. */
        void fatal(String sqlstate, String message, String hint);

        /** The key the client gets for backend {@code processId} (whose own secret is {@code secretKey}): see {@link CancelKeys}. */
        BackendMessage.BackendKeyData clientKey(int processId, int secretKey);
    }

    /** How far the backend's startup answers got. */
    enum BackendStartup { PENDING, READY, FAILED }

    private enum Stage { STARTUP, PASSWORD, DONE }

    private final GatewayConfig config;
    private final IamTokenVerifier verifier;
    private final FrameDecoder decoder;
    private final ClientOutput out;
    private final Events events;
    private Stage stage = Stage.STARTUP;
    private boolean tlsActive;
    private StartupMessage startup;

    StartupHandshake(GatewayConfig config, IamTokenVerifier verifier, FrameDecoder decoder, ClientOutput out, Events events) {
        this.config = config;
        this.verifier = verifier;
        this.decoder = decoder;
        this.out = out;
        this.events = events;
    }

    /** TLS was negotiated directly (PostgreSQL 17 {@code sslnegotiation=direct}): a later SSLRequest gets 'N'. */
    void tlsEstablished() {
        tlsActive = true;
    }

    /** One client message before authentication finished. */
    void onClientFrame(Frame frame) {
        switch (stage) {
            case STARTUP -> onStartup(frame.decodeFrontend());
            case PASSWORD -> onPassword(frame);
            case DONE -> throw new IllegalStateException("handshake already finished");
        }
    }

    private void onStartup(FrontendMessage m) {
        Channel client = out.channel();
        if (m instanceof FrontendMessage.SslRequest) {
            if (config.tls() != null && !tlsActive) {
                client.writeAndFlush(client.alloc().buffer(1).writeByte('S'));
                SslHandler ssl = config.tls().newHandler(client.alloc());
                client.pipeline().addFirst("tls", ssl);
                tlsActive = true;
            } else {
                client.writeAndFlush(client.alloc().buffer(1).writeByte('N'));
            }
        } else if (m instanceof FrontendMessage.GssEncRequest) {
            client.writeAndFlush(client.alloc().buffer(1).writeByte('N'));
        } else if (m instanceof FrontendMessage.CancelRequest c) {
            events.cancel(c);
        } else if (m instanceof StartupMessage s) {
            if (s.protocolVersion() != FrontendMessage.PROTOCOL_3_0) {
                // PostgreSQL 17+ clients may ask for a newer minor version; we speak 3.0 and say so.
                out.write(new BackendMessage.NegotiateProtocolVersion(0, List.of()));
            }
            startup = s;
            decoder.typed(true);
            String user = s.parameters().get("user");
            if (user == null || user.isEmpty()) {
                events.fatal("28000", "no PostgreSQL user name specified in startup packet", null);
                return;
            }
            if (config.auth() == AuthMode.IAM) {
                stage = Stage.PASSWORD;
                out.write(BackendMessage.AuthenticationCleartextPassword.INSTANCE);
                out.flush();
            } else {
                authenticated();
            }
        } else {
            throw new ProtocolException("expected a startup message");
        }
    }

    private void onPassword(Frame frame) {
        if (frame.type() != FrontendType.PASSWORD) {
            throw new ProtocolException("expected password response, got message type " + (char) frame.type());
        }
        String token = ((FrontendMessage.PasswordMessage) frame.decodeFrontend()).password();
        String user = startup.parameters().get("user");
        var failure = verifier.verify(user, token);
        if (failure.isPresent()) {
            AuthFailure f = failure.get();
            LOG.log(System.Logger.Level.INFO, "refused connection for role " + user + ": " + f.message());
            events.fatal(f.sqlstate(), f.message(), f.hint());
            return;
        }
        authenticated();
    }

    private void authenticated() {
        String user = startup.parameters().get("user");
        String db = startup.parameters().getOrDefault("database", user);
        if (db == null || db.isEmpty()) db = user;
        if (!GatewayConfig.DATABASE.equals(db)) {
            // dsql-facts §1.3/§2: one database per cluster, named postgres.
            events.fatal("3D000", "database \"" + db + "\" does not exist", null);
            return;
        }
        stage = Stage.DONE;
        events.authenticated(user, startup);
    }

    /**
     * The client's startup answers for a backend session taken from the {@link BackendPool}, as a new backend would
     * send them: AuthenticationOk, the reported parameters, the client's cancel key, ReadyForQuery.
     */
    void resumed(java.util.Map<String, String> reported, BackendMessage.BackendKeyData clientKey) {
        out.write(BackendMessage.AuthenticationOk.INSTANCE);
        reported.forEach(out::writeParameterStatus);
        out.write(clientKey);
        out.write(new BackendMessage.ReadyForQuery('I'));
        out.flush();
    }

    /**
     * One answer of the backend to the session's StartupMessage: relayed (server_version rewritten)
     * until ReadyForQuery. On FAILED the client has been told why and the session must close.
     */
    BackendStartup onBackendAnswer(Frame f, SessionState state, ErrorTranslator errors) {
        switch (f.type()) {
            case BackendType.AUTHENTICATION -> {
                if (!(f.decodeBackend() instanceof BackendMessage.AuthenticationOk)) {
                    out.write(ErrorResponse.of("FATAL", "28000",
                            "the local PostgreSQL asked for authentication; it must trust the gateway", null, null));
                    out.flush();
                    return BackendStartup.FAILED;
                }
                out.relay(f);
            }
            case BackendType.PARAMETER_STATUS -> out.relayParameterStatus(f);
            case BackendType.BACKEND_KEY_DATA -> {
                // The backend's own secret stays with the gateway (CancelKeys): the client gets one of its own.
                var key = (BackendMessage.BackendKeyData) f.decodeBackend();
                out.write(events.clientKey(key.processId(), key.secretKey()));
            }
            case BackendType.ERROR_RESPONSE -> {
                ErrorResponse e = (ErrorResponse) f.decodeBackend();
                ErrorResponse t = errors.translate(state, e);
                out.write(t != null ? t : e);
                out.flush();
                return BackendStartup.FAILED;
            }
            case BackendType.READY_FOR_QUERY -> {
                out.relay(f);
                out.flush();
                return BackendStartup.READY;
            }
            default -> out.relay(f);
        }
        return BackendStartup.PENDING;
    }
}

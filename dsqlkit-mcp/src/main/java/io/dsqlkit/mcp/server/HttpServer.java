package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.InetAddress;
import java.util.EnumSet;

/**
 * The MCP streamable HTTP transport on Jetty at {@code http://host:port/mcp}, behind three filters:
 * {@link HttpAccessFilter} (Host, Origin, bearer token), {@link SessionLimitFilter} (session cap,
 * idle expiry) and {@link SafeErrorFilter} (JSON-RPC errors without internals).
 */
public final class HttpServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";

    private final Server jetty;
    private final McpSyncServer mcp;
    private final int port;

    private HttpServer(Server jetty, McpSyncServer mcp, int port) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.port = port;
    }

    public static HttpServer start(DsqlMcpServer server, String host, int port, String token) throws Exception {
        return start(server, host, port, token, HttpSettings.defaults());
    }

    public static HttpServer start(DsqlMcpServer server, String host, int port, String token, HttpSettings settings) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(ENDPOINT).sessionSweepInterval(settings.sessionIdle()).maxRequestSize(settings.maxRequestBytes()).build();
        McpSyncServer mcp = server.start(transport);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        InetAddress bound = InetAddress.getByName(host);
        connector.setHost(bound.getHostAddress());
        HostCheck hosts = new HostCheck(host, bound.getHostAddress(), bound.isLoopbackAddress(), bound.isAnyLocalAddress(),
                settings.allowedHosts());
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, ENDPOINT);
        for (jakarta.servlet.Filter f : new jakarta.servlet.Filter[] {new HttpAccessFilter(token, hosts),
                new SessionLimitFilter(settings, System::nanoTime), new SafeErrorFilter()}) {
            FilterHolder filter = new FilterHolder(f);
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        jetty.setHandler(context);
        jetty.start();
        return new HttpServer(jetty, mcp, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        jetty.stop();
    }
}

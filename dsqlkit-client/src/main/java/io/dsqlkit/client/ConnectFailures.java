package io.dsqlkit.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Says what a failed connection attempt reached: nothing (refused, unknown host, no route), a TCP
 * peer that does not speak PostgreSQL (login timeout, protocol error), or a server that refused the
 * login (28P01/28000, with the IAM token hint). The SQLSTATE is kept so callers can still branch on it.
 */
public final class ConnectFailures {
    /** TCP connect timeout of pgjdbc connections made by {@link DataSources}. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Time for the whole start-up (TLS, authentication) after TCP connected. */
    public static final int LOGIN_TIMEOUT_SECONDS = 15;
    /**
     * Longest wait for any read: DSQL ends every transaction after 300 s (54000, dsql-facts §2), so
     * a server silent for longer is gone.
     */
    public static final int SOCKET_TIMEOUT_SECONDS = 360;

    private ConnectFailures() {}

    public static SQLException explain(SQLException e, String host, int port, String user) {
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String message = message(e, where, user);
        if (message == null) return e;
        SQLException explained = new SQLException(message, e.getSQLState(), e.getErrorCode(), e);
        return explained;
    }

    private static String message(SQLException e, String where, String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = rootCause(e);
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (state.equals("28P01") || state.equals("28000")) {
            return firstLine(e.getMessage()) + " (connecting to " + where + " as " + user + "). Aurora DSQL and local DSQL "
                    + "with IAM auth take an IAM auth token as the password, not a fixed password: pass --cluster/--region "
                    + "(dsqlkit signs a token for each connection), or print one with 'dsqlkit token --cluster ID --region REGION' "
                    + "for psql and other clients; a token expires after its lifetime (default 15 minutes)";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host (check the host name in --url/--endpoint/--cluster)";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": nothing accepts connections there (" + cause.getMessage()
                    + "); is the server running and is the port right? Start local DSQL with 'dsqlkit local', or pass --local";
        }
        if (cause instanceof SocketTimeoutException && text.contains("connect")) {
            return "cannot connect to " + where + ": no TCP answer within " + CONNECT_TIMEOUT_SECONDS + " s (a firewall, "
                    + "a security group, or a wrong host?)";
        }
        if (text.contains("connection attempt timed out") || cause instanceof SocketTimeoutException) {
            return where + " accepted the TCP connection but did not complete a PostgreSQL start-up within "
                    + LOGIN_TIMEOUT_SECONDS + " s: it is probably not a PostgreSQL-protocol endpoint (check the port), or a "
                    + "TLS setting does not match (sslmode, --ssl-negotiation)";
        }
        if (state.equals("08P01") || text.contains("protocol error") || text.contains("the server does not support ssl")
                || text.contains("expected an authentication request") || text.contains("invalid response")) {
            return where + " answered, but not as a PostgreSQL-protocol server (" + firstLine(e.getMessage())
                    + "): check the port, and the TLS settings (sslmode, --ssl-negotiation)";
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}

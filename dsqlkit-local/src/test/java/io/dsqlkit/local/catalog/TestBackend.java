package io.dsqlkit.local.catalog;

import io.dsqlkit.local.pg.PostgresServer;

/** One PostgreSQL 16 for this module's behaviour tests (started on first use, stopped at JVM exit). */
public final class TestBackend {
    private static PostgresServer server;

    private TestBackend() {}

    public static synchronized PostgresServer get() {
        if (server == null || !server.isAlive()) server = PostgresServer.start(PostgresServer.Options.ephemeral());
        return server;
    }
}

package io.dsqlkit.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SLF4J logger made on first use, for classes on the MCP server's way to its first answer: SLF4J's own start-up
 * (finding its provider, configuring the simple logger) took ~35 ms of a ~200 ms start on a cold JVM when a static
 * logger field brought it in; a class that only logs on failure should not pay for it before it fails.
 */
public final class LazyLogger {
    private final Class<?> owner;
    private volatile Logger logger;

    public LazyLogger(Class<?> owner) {
        this.owner = owner;
    }

    public Logger get() {
        Logger l = logger;
        if (l == null) logger = l = LoggerFactory.getLogger(owner);
        return l;
    }
}

package io.dsqlkit.testkit;

import io.dsqlkit.local.DsqlLocal;

/**
 * One local DSQL per test JVM, started on first use and stopped at exit, so suites do not pay the
 * PostgreSQL start-up for every class. Tests must not depend on state left by other tests: create
 * uniquely named tables (see {@link #uniqueName(String)}).
 */
public final class SharedDsqlLocal {
    private static DsqlLocal instance;
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private SharedDsqlLocal() {}

    public static synchronized DsqlLocal get() {
        if (instance == null) {
            instance = DsqlLocal.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "dsqlkit-shared-local-stop"));
        }
        return instance;
    }

    /** A table/object name unique within this JVM, e.g. {@code orders_17}. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet();
    }
}

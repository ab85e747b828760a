package io.dsqlkit.local.pg;

import io.dsqlkit.local.DsqlLocal;

import java.nio.file.Path;

/** A JVM running a local DSQL on the data folder given as argument, for tests that kill it (-9). */
public final class LocalDsqlChild {
    private LocalDsqlChild() {}

    public static void main(String[] args) throws Exception {
        DsqlLocal local = DsqlLocal.builder().dataDir(Path.of(args[0])).start();
        System.out.println("READY " + local.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package io.dsqlkit.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Turns an unexpected exception into one clear line on stderr (stack trace only with DSQLKIT_DEBUG=1). */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return report(ex, cl.getErr());
    }

    /** Runs a command parsed without picocli, with the same exit code and message picocli's execute would give. */
    static int call(Callable<Integer> command) {
        try {
            Integer code = command.call();
            return code == null ? 0 : code;
        } catch (Exception e) {
            return report(e, new PrintWriter(System.err, true));
        }
    }

    private static int report(Exception ex, PrintWriter err) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("dsqlkit: error: " + msg);
        if ("1".equals(System.getenv("DSQLKIT_DEBUG"))) ex.printStackTrace(err);
        err.flush();
        return 2;
    }
}

package io.dsqlkit.cli;

import picocli.CommandLine;

/** Turns an unexpected exception into one clear line on stderr (stack trace only with DSQLKIT_DEBUG=1). */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println("dsqlkit: error: " + msg);
        if ("1".equals(System.getenv("DSQLKIT_DEBUG"))) ex.printStackTrace(cl.getErr());
        return 2;
    }
}

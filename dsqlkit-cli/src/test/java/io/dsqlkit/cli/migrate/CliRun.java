package io.dsqlkit.cli.migrate;

import io.dsqlkit.testkit.TestDb;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a command through picocli with captured output, as the {@code dsqlkit} executable would. */
record CliRun(int code, String out, String err) {
    static CliRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The shared local DSQL as a --url. */
    static String url() {
        return "postgresql://" + TestDb.local().user() + "@127.0.0.1:" + TestDb.local().port() + "/postgres";
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}

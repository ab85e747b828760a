package io.dsqlkit.cli.lint;

import io.dsqlkit.cli.DsqlkitCommand;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code dsqlkit} in-process through picocli, with stdin given and stdout/stderr captured. */
public record Cli(int exit, String out, String err) {

    public static Cli run(String... args) {
        return withStdin(new byte[0], args);
    }

    public static Cli withStdin(String stdin, String... args) {
        return withStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    public static synchronized Cli withStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DsqlkitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int exit = cl.execute(args);
            return new Cli(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}

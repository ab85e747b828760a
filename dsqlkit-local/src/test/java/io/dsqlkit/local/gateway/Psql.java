package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real psql (15, /usr/bin/psql) against a local DSQL, as users do. */
final class Psql {
    static final Path BINARY = Path.of("/usr/bin/psql");
    private static final Pattern ERROR = Pattern.compile("^(?:psql:[^:]*:\\d+: )?(ERROR|FATAL):  ([0-9A-Z]{5}): (.*)$");

    record Result(int exitCode, String stdout, String stderr) {
        /** SQLSTATE and message of every error psql printed (VERBOSITY verbose). */
        List<String[]> errors() {
            List<String[]> out = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                Matcher m = ERROR.matcher(line);
                if (m.find()) out.add(new String[] {m.group(2), m.group(3)});
            }
            return out;
        }
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    static Result run(DsqlLocal local, String password, String conninfoExtra, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-X", "-v", "VERBOSITY=verbose", "-A", "-t",
                "host=localhost port=" + local.port() + " dbname=postgres user=admin connect_timeout=10 " + conninfoExtra));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGPASSWORD", password);
        pb.environment().remove("PGSSLMODE");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("psql did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Result command(DsqlLocal local, String sql) throws IOException, InterruptedException {
        return run(local, local.password(), "", "-c", sql);
    }

    /** Feeds a script on stdin-like -f file; psql sends each statement as its own Query. */
    static Result script(DsqlLocal local, String script) throws IOException, InterruptedException {
        Path f = Files.createTempFile("dsqlkit-psql-", ".sql");
        try {
            Files.writeString(f, script);
            return run(local, local.password(), "", "-f", f.toString());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}

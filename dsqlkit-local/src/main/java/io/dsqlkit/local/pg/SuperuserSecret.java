package io.dsqlkit.local.pg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The superuser's password and the client-authentication rules of the PostgreSQL behind the
 * gateway. Over TCP only the superuser may log in, with a password generated per data folder (kept
 * in {@link #FILE} inside the private data folder); every other role connects through the Unix
 * socket in that private folder, which only this user (or root) can reach. So an orphaned or
 * running server does not accept password-less TCP logins.
 */
final class SuperuserSecret {
    static final String FILE = "dsqlkit-superuser.secret";
    static final String HBA = """
            # Written by dsqlkit at every start. The gateway connects through the Unix socket in the
            # private data folder; over TCP only the superuser logs in, with its generated password.
            local all all trust
            host all %s 127.0.0.1/32 scram-sha-256
            """;

    private SuperuserSecret() {}

    static String generate() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A password file initdb can read ({@code --pwfile}); the caller deletes it. */
    static Path passwordFile(Path dir, String password) throws IOException {
        Path f = Files.createTempFile(dir, "pw-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, password + "\n");
        RunAs.handOver(f);
        return f;
    }

    static void remember(Path data, String password) throws IOException {
        Path f = data.resolve(FILE);
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, password);
    }

    /**
     * The folder's password; a folder from a version without one (its superuser had none) gets one,
     * set in single-user mode so that no server ever listens without it.
     */
    static String ensure(Path home, Path data) throws IOException {
        Path f = data.resolve(FILE);
        if (Files.exists(f)) return Files.readString(f).strip();
        String password = generate();
        ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(List.of(home.resolve("bin/postgres").toString(), "--single",
                "-D", data.toString(), "postgres"))).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
        Process p = RunAs.start(pb);
        try (OutputStream in = p.getOutputStream()) {
            in.write(("ALTER ROLE " + PostgresServer.SUPERUSER + " PASSWORD '" + password + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("ERROR")) {
                p.destroyForcibly();
                throw new IOException("cannot set the superuser password of " + data + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the superuser password", e);
        }
        remember(data, password);
        return password;
    }

    /** Writes pg_hba.conf: trust on the private Unix socket, the superuser's password on TCP, nothing else. */
    static void writeHba(Path data) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), HBA.formatted(PostgresServer.SUPERUSER));
    }
}

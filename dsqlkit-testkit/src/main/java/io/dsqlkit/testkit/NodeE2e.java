package io.dsqlkit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The npm end-to-end clients in e2e/mcp (@modelcontextprotocol/sdk, pinned there): checks node is
 * installed (tests are skipped only when it is not), installs node_modules with {@code npm ci} when
 * missing, and runs a script. Used by the MCP module's HTTP tests and the CLI's stdio tests.
 */
public final class NodeE2e {
    /** e2e/mcp, relative to the module directory Maven runs the tests in. */
    public static final Path E2E = Path.of("..", "e2e", "mcp").toAbsolutePath().normalize();

    private NodeE2e() {}

    public record Result(int exitCode, String output) {}

    /** Skips the calling test when node is missing; runs npm ci when the SDK is not installed yet. */
    public static void nodeAndClient() throws IOException, InterruptedException {
        assumeTrue(run(List.of("node", "--version"), E2E.getParent(), 30).exitCode == 0, "node is not installed");
        if (!Files.isDirectory(E2E.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), E2E, 300);
            if (npm.exitCode != 0) throw new AssertionError("npm ci in " + E2E + ":\n" + npm.output);
        }
    }

    public static Result run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

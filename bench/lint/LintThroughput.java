import io.dsqlkit.rules.LintResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Warm, in-process lint throughput: loads every *.sql file of a corpus into memory, lints the whole
 * corpus a few times to warm the JIT, then times several full passes and prints MiB/s (input bytes,
 * UTF-8). Run against the CLI jar:
 * {@code java -cp dsqlkit-cli/target/dsqlkit.jar bench/lint/LintThroughput.java <corpus-dir> [warmup=3] [runs=5]}.
 * Prints one machine-readable line last: {@code warm_mib_per_s=<median>}.
 */
public final class LintThroughput {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                bytes += b.length;
                texts.add(new String(b, StandardCharsets.UTF_8));
            }
        }
        double mib = bytes / 1048576.0;
        Linter linter = new Linter(Profile.CURRENT);
        long findings = 0;
        for (int i = 0; i < warmup; i++) findings = pass(linter, texts);
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            pass(linter, texts);
            double secs = (System.nanoTime() - t0) / 1e9;
            rates[i] = mib / secs;
            System.out.printf(Locale.ROOT, "run %d: %.2f s, %.1f MiB/s%n", i + 1, secs, rates[i]);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%d files, %.1f MiB, %d findings per pass; median %.1f MiB/s, best %.1f MiB/s%n",
                texts.size(), mib, findings, rates[runs / 2], rates[runs - 1]);
        System.out.printf(Locale.ROOT, "warm_mib_per_s=%.2f%n", rates[runs / 2]);
    }

    private static long pass(Linter linter, List<String> texts) {
        long findings = 0;
        for (String t : texts) {
            LintResult r = linter.lint(t);
            findings += r.diagnostics().size();
        }
        return findings;
    }
}

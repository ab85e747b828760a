package io.dsqlkit.cli.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves the command line's paths into the files to lint: files as given, directories walked for
 * {@code *.sql} (sorted, so output is the same on every machine; hidden directories such as
 * {@code .git} are not entered), {@code -} for standard input. What cannot be resolved becomes a
 * problem message instead of an exception.
 */
final class LintInputs {
    static final String STDIN_ARG = "-";

    private LintInputs() {}

    /**
     * @param inputs   files to lint, in order, without duplicates
     * @param problems inputs that do not exist or cannot be read (exit code 2)
     * @param notes    harmless remarks, e.g. a directory without .sql files
     */
    record Resolved(List<LintInput> inputs, List<Problem> problems, List<String> notes) {}

    /** A command-line path that names nothing lintable, and why. */
    record Problem(String name, String reason) {}

    static Resolved resolve(List<String> args) {
        List<LintInput> inputs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        boolean stdinTaken = false;
        for (String arg : args) {
            if (arg.equals(STDIN_ARG)) {
                if (!stdinTaken) inputs.add(LintInput.stdin());
                stdinTaken = true;
                continue;
            }
            Path p;
            try {
                p = Path.of(arg);
            } catch (InvalidPathException e) {
                problems.add(new Problem(arg, "not a valid path: " + e.getReason()));
                continue;
            }
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    walk(p, found);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(new Problem(arg, "cannot read directory: " + reason(e)));
                    continue;
                }
                if (found.isEmpty()) notes.add(arg + ": no .sql files in this directory");
                for (Path f : found) if (seen.add(f.toAbsolutePath().normalize())) inputs.add(LintInput.file(f));
            } else if (Files.exists(p)) {
                if (!Files.isReadable(p)) problems.add(new Problem(arg, "cannot read file: permission denied"));
                else if (seen.add(p.toAbsolutePath().normalize())) inputs.add(LintInput.file(p));
            } else {
                problems.add(new Problem(arg, "no such file or directory"));
            }
        }
        return new Resolved(inputs, problems, notes);
    }

    private static void walk(Path dir, List<Path> out) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir) && d.getFileName().toString().startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (isSql(f) && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f))) {
                    out.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (f.equals(dir)) throw e;
                // An unreadable entry deep in the tree is skipped rather than failing the whole walk;
                // if it is a .sql file, reading it later reports the problem.
                if (isSql(f)) out.add(f);
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
    }

    private static boolean isSql(Path f) {
        Path name = f.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException) return "no such file or directory";
        if (t instanceof AccessDeniedException) return "permission denied";
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}

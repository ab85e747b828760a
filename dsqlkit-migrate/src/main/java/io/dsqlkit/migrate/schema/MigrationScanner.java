package io.dsqlkit.migrate.schema;

import io.dsqlkit.sql.SourceDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds migration files in a folder (recursively), versioned ones in version order, then repeatables by description. */
public final class MigrationScanner {
    private MigrationScanner() {}

    public static List<MigrationFile> scan(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            throw new IOException("migration location " + location + " is not a folder (create it, or pass --location)");
        }
        List<MigrationFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!MigrationFile.looksLikeMigration(name)) continue;
                files.add(MigrationFile.of(name, p, read(p)));
            }
        }
        Map<MigrationVersion, MigrationFile> seen = new HashMap<>();
        Map<String, MigrationFile> seenRepeatable = new HashMap<>();
        for (MigrationFile f : files) {
            MigrationFile clash = f.repeatable() ? seenRepeatable.put(f.description(), f) : seen.put(f.version(), f);
            if (clash != null) {
                throw new IOException("two migrations share " + (f.repeatable() ? "the description '" + f.description() + "'"
                        : "version " + f.version()) + ": " + clash.path() + " and " + f.path() + " (rename one)");
            }
        }
        files.sort(Comparator.comparing(MigrationFile::repeatable)
                .thenComparing(f -> f.repeatable() ? null : f.version(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(MigrationFile::description));
        return files;
    }

    /** The file as text; a file that is not UTF-8 is named with the line and byte offset of the first bad byte. */
    static String read(Path p) throws IOException {
        SourceDecoder.Decoded d = SourceDecoder.decode(Files.readAllBytes(p));
        if (d instanceof SourceDecoder.Rejected r) throw new IOException(p + ": " + r.reason().replace(", skipped", ""));
        return ((SourceDecoder.Text) d).text();
    }

    /**
     * Throws when the location does not exist or holds no migration files, naming the files whose
     * names are not migration names, so a mistyped folder or file name is not reported as "up to date".
     */
    public static void requireMigrations(Path location) throws IOException {
        if (!Files.exists(location)) {
            throw new IOException("migration location " + location + " does not exist (relative to "
                    + Path.of("").toAbsolutePath() + "): check --location");
        }
        if (!scan(location).isEmpty()) return;
        List<String> others;
        try (Stream<Path> walk = Files.walk(location)) {
            others = walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".sql")).sorted().limit(5).toList();
        }
        throw new IOException("no migrations in " + location + ": migration files are named V<version>__<description>.sql "
                + "(e.g. V1__create_orders.sql) or R__<description>.sql" + (others.isEmpty() ? "; create one with 'dsqlkit migrate new'"
                : "; these .sql files do not follow that pattern: " + String.join(", ", others)));
    }
}

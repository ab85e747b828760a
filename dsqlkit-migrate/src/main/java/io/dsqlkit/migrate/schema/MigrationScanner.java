package io.dsqlkit.migrate.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
                files.add(MigrationFile.of(name, p, Files.readString(p, StandardCharsets.UTF_8)));
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
}

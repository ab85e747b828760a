package io.dsqlkit.migrate.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** New migration files: the next version number, a slug of the description, a header, an optional body (a recipe). */
public final class MigrationTemplates {
    private MigrationTemplates() {}

    /** Creates {@code V<next>__<description>.sql} in the location and returns its path. */
    public static Path newMigration(Path location, String description, String body) throws IOException {
        Files.createDirectories(location);
        MigrationVersion max = null;
        for (MigrationFile f : MigrationScanner.scan(location)) {
            if (!f.repeatable() && (max == null || f.version().compareTo(max) > 0)) max = f.version();
        }
        String next = max == null ? "1" : max.parts().get(0).add(java.math.BigInteger.ONE).toString();
        String slug = description.trim().toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (slug.isEmpty()) throw new IllegalArgumentException("the description must contain letters or digits");
        Path file = location.resolve("V" + next + "__" + slug + ".sql");
        String header = io.dsqlkit.sql.SqlText.lineComment(description.trim()) + "\n-- dsqlkit runs each statement in its own transaction (one DDL per "
                + "transaction on DSQL).\n";
        Files.writeString(file, header + (body == null ? "\n" : body), java.nio.file.StandardOpenOption.CREATE_NEW);
        return file;
    }
}

package io.dsqlkit.migrate.schema;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration script named as Flyway names them: {@code V<version>__<description>.sql} (versioned,
 * applied once) or {@code R__<description>.sql} (repeatable, re-applied when its checksum changes).
 *
 * @param version null for repeatables
 * @param checksum SHA-256 (hex, first 16 bytes) of the normalised content: BOM dropped, line ends
 *                 LF, trailing blanks of each line and trailing empty lines removed, so an editor's
 *                 whitespace changes do not count as edits
 */
public record MigrationFile(MigrationVersion version, String description, String fileName, Path path, String content,
                            String checksum) {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

    public static boolean looksLikeMigration(String fileName) {
        return fileName.endsWith(".sql") && (fileName.startsWith("V") || fileName.startsWith("R__"));
    }

    public static MigrationFile of(String fileName, Path path, String content) {
        Matcher v = VERSIONED.matcher(fileName);
        if (v.matches()) {
            return new MigrationFile(MigrationVersion.parse(v.group(1)), description(v.group(2)), fileName, path, content,
                    checksum(content));
        }
        Matcher r = REPEATABLE.matcher(fileName);
        if (r.matches()) return new MigrationFile(null, description(r.group(1)), fileName, path, content, checksum(content));
        throw new IllegalArgumentException("'" + fileName + "' is not a migration file name: use V<version>__<description>.sql "
                + "(e.g. V1__create_orders.sql) or R__<description>.sql");
    }

    public boolean repeatable() {
        return version == null;
    }

    /**
     * The key of this migration in the history table: the version for versioned files; for
     * repeatables the description plus checksum, so each new content is a new, pending entry.
     */
    public String historyKey() {
        return repeatable() ? "R__" + description.replace(' ', '_') + "@" + checksum.substring(0, 12) : version.text();
    }

    public String label() {
        return repeatable() ? "R " + description : "V" + version + " " + description;
    }

    static String description(String raw) {
        return raw.replace('_', ' ');
    }

    public static String normalise(String content) {
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) sb.append(line.stripTrailing()).append('\n');
        return sb.toString().stripTrailing();
    }

    public static String checksum(String content) {
        return sha256(normalise(content));
    }

    public static String sha256(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

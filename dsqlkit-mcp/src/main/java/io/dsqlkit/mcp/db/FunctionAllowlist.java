package io.dsqlkit.mcp.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The pg_catalog functions a read may call, loaded from {@code read-functions.txt} beside this class
 * (data, not code: one name per line, {@code #} comments, the file says how it was built and how to
 * extend it). Everything else, and every function outside pg_catalog, is refused in reads.
 */
public final class FunctionAllowlist {
    static final String RESOURCE = "read-functions.txt";
    private static final Set<String> NAMES = load();

    private FunctionAllowlist() {}

    /** Whether the pg_catalog function {@code name} (as PostgreSQL folds it) may run in a read. */
    public static boolean allows(String name) {
        return NAMES.contains(name);
    }

    static int size() {
        return NAMES.size();
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = FunctionAllowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) out.add(name.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}

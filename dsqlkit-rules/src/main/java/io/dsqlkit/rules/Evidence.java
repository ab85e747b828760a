package io.dsqlkit.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How we know that DSQL behaves as a rule says, recorded per rule id in {@code evidence.tsv} (data,
 * not code comments, so the CLI, the docs and the tests read the same thing).
 *
 * @param behaviour how we know DSQL refuses (or warns about) what the rule flags
 * @param message   how we know the exact text and SQLSTATE the rule reports
 * @param basis     the sources, in dsql-facts' keys, and what exactly is and is not known
 */
public record Evidence(Level behaviour, Level message, String basis) {

    public enum Level {
        /** Seen on a real DSQL cluster: recorded outputs, or a test suite run against a live cluster. */
        OBSERVED,
        /** AWS documentation says so. */
        DOCUMENTED,
        /** Neither: deduced from PostgreSQL, from a pattern in recorded texts, or from a third party's claim. */
        INFERRED;

        /** The lower-case name used in JSON, SARIF and the docs. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Level parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** What a rule without a row in evidence.tsv gets; the catalog test fails on such a rule. */
    public static final Evidence UNRECORDED = new Evidence(Level.INFERRED, Level.INFERRED, "no evidence recorded");

    private static final Map<String, Evidence> BY_ID = load();

    /** The evidence recorded for {@code ruleId}, or {@link #UNRECORDED}. */
    public static Evidence of(String ruleId) {
        return BY_ID.getOrDefault(ruleId, UNRECORDED);
    }

    /** Every row of evidence.tsv, by rule id, in file order. */
    public static Map<String, Evidence> recorded() {
        return BY_ID;
    }

    /** True when both the behaviour and the exact message were seen on a real cluster. */
    public boolean verified() {
        return behaviour == Level.OBSERVED && message == Level.OBSERVED;
    }

    private static Map<String, Evidence> load() {
        Map<String, Evidence> out = new LinkedHashMap<>();
        try (InputStream in = Evidence.class.getResourceAsStream("evidence.tsv")) {
            if (in == null) throw new IllegalStateException("evidence.tsv is missing from the dsqlkit-rules jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 4) throw new IllegalStateException("evidence.tsv line " + n + ": expected 4 tab-separated fields");
                if (out.put(f[0].trim(), new Evidence(Level.parse(f[1]), Level.parse(f[2]), f[3].trim())) != null) {
                    throw new IllegalStateException("evidence.tsv line " + n + ": duplicate rule id " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}

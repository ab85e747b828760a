package io.dsqlkit.migrate.load;

import java.util.List;

/**
 * One record of the input: its first line number in the file (1-based), its values by target
 * column (null = SQL NULL), and the raw text for the reject file. {@code problem} is set when the
 * record could not be parsed at all.
 */
public record InputRecord(long line, List<String> values, String raw, String problem) {
    public static InputRecord bad(long line, String raw, String problem) {
        return new InputRecord(line, null, raw, problem);
    }
}

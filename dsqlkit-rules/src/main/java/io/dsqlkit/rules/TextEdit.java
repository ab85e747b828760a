package io.dsqlkit.rules;

/** Replace {@code length} chars at absolute {@code offset} of the linted text with {@code replacement}. */
public record TextEdit(int offset, int length, String replacement) {
    public TextEdit {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset/length");
        if (replacement == null) replacement = "";
    }

    public int end() {
        return offset + length;
    }

    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, 0, text);
    }

    public static TextEdit delete(int offset, int length) {
        return new TextEdit(offset, length, "");
    }
}

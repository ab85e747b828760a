package io.dsqlkit.mcp.tools;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The data fence's boundary: the same random tag on both sides, 16 hex digits, never reused (tags are drawn from a pool). */
class FenceTagTest {
    private static final Pattern TAG = Pattern.compile("<<<data-([0-9a-f]{16})>>>");

    @Test
    void everyFenceHasItsOwnTagOnBothSides() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) { // several refills of the per-thread pool
            String fenced = ToolResults.fence("[1]");
            Matcher m = TAG.matcher(fenced);
            assertThat(m.find()).isTrue();
            String tag = m.group(1);
            assertThat(fenced).endsWith("\n<<<data-" + tag + ">>>").contains("\n<<<data-" + tag + ">>>\n[1]\n");
            assertThat(seen.add(tag)).as("tag %s drawn twice", tag).isTrue();
        }
    }
}

package io.dsqlkit.cli;

import io.dsqlkit.cli.lint.Cli;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An unknown value of an enum option lists the valid values instead of Java's "No enum constant". */
class EnumOptionsTest {
    @Test
    void loadFormatXmlListsTheFormats() {
        Cli r = Cli.run("load", "--url", "postgresql://admin@127.0.0.1:1/postgres", "--table", "t", "--format", "xml", "rows.txt");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("No enum constant").contains("'xml'").contains("CSV, TSV, JSONL");
    }

    @Test
    void enumValuesAreCaseInsensitive() {
        Cli r = Cli.run("load", "--help");
        assertThat(r.out()).contains("CSV, TSV, JSONL");
        Cli lower = Cli.run("load", "--table", "t", "--format", "jsonl", "rows.txt");
        assertThat(lower.err()).doesNotContain("Invalid value");
    }
}

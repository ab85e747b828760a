package io.dsqlkit.mcp.server;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines as MCP's stdio framing has them, however the bytes arrive, and no stream call but read. */
class LineReaderTest {
    @Property(tries = 300)
    void readsBackTheLinesWrittenWhateverTheReadSizes(@ForAll("lines") List<String> lines, @ForAll boolean crlf,
                                                      @ForAll boolean lastTerminated, @ForAll @IntRange(min = 1, max = 9000) int chunk)
            throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i));
            if (i < lines.size() - 1 || lastTerminated) text.append(crlf ? "\r\n" : "\n");
        }
        LineReader reader = new LineReader(new Chunked(text.toString().getBytes(StandardCharsets.UTF_8), chunk));
        List<String> read = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) read.add(line);
        List<String> expected = new ArrayList<>(lines);
        // an unterminated empty last line is no line at all
        if (!lastTerminated && !expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) expected.remove(expected.size() - 1);
        assertThat(read).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "\"", ":", ",", "a", " ", "\t", "é", "€", "😀").list().ofMaxSize(40).map(cs -> String.join("", cs)),
                Arbitraries.strings().withChars("x\"").ofMinLength(8000).ofMaxLength(20000)); // longer than a buffer
        return line.list().ofMaxSize(12);
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() throws IOException {
        byte[] bytes = {'{', (byte) 0xC3, '}', '\n'};
        assertThat(new LineReader(new ByteArrayInputStream(bytes)).readLine()).isEqualTo("{\uFFFD}");
    }

    @Test
    void asksTheStreamForNothingButReads() throws IOException {
        AtomicInteger available = new AtomicInteger();
        InputStream in = new ByteArrayInputStream("{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int available() {
                available.incrementAndGet();
                return super.available();
            }
        };
        LineReader reader = new LineReader(in);
        assertThat(reader.readLine()).isEqualTo("{\"a\":1}");
        assertThat(reader.readLine()).isEqualTo("{\"b\":2}");
        assertThat(reader.readLine()).isNull();
        assertThat(available).hasValue(0);
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a pipe does. */
    private static final class Chunked extends InputStream {
        private final byte[] bytes;
        private final int chunk;
        private int pos;

        Chunked(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (pos >= bytes.length) return -1;
            int n = Math.min(Math.min(len, chunk), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}

package io.dsqlkit.local.jobs;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Job ids are 26-char lowercase base32 of a 128-bit UUID (dsql-facts §4). */
class JobIdTest {
    @Test
    void recordedDsqlIdDecodesAndEncodesBack() {
        UUID uuid = JobId.decode("jh2gbtx4mzhgfkbimtgwn5j45y");
        assertThat(JobId.encode(uuid)).isEqualTo("jh2gbtx4mzhgfkbimtgwn5j45y");
    }

    @Test
    void randomIdsHaveDsqlShapeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = JobId.random();
            assertThat(id).hasSize(26).matches(JobId.SQL_PATTERN);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void nonIdsAreRejectedLikeSysWaitForJob() {
        for (String bad : new String[] {"no-such-job", "", "JH2GBTX4MZHGFKBIMTGWN5J45Y", "jh2gbtx4mzhgfkbimtgwn5j45", "jh2gbtx4mzhgfkbimtgwn5j45z",
                "jh2gbtx4mzhgfkbimtgwn5j450"}) {
            assertThat(JobId.isValid(bad)).as(bad).isFalse();
            assertThat(bad.matches(JobId.SQL_PATTERN)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> JobId.decode("no-such-job")).hasMessage("Unable to convert text to UUID");
    }

    @Property
    void encodeDecodeRoundTrips(@ForAll long hi, @ForAll long lo) {
        UUID u = new UUID(hi, lo);
        String id = JobId.encode(u);
        assertThat(id).matches(JobId.SQL_PATTERN);
        assertThat(JobId.decode(id)).isEqualTo(u);
    }

    @Property
    void sqlPatternAgreesWithDecoder(@ForAll("idLike") String s) {
        assertThat(s.matches(JobId.SQL_PATTERN)).isEqualTo(JobId.isValid(s));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> idLike() {
        return net.jqwik.api.Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz234567019").ofMinLength(24).ofMaxLength(27);
    }
}

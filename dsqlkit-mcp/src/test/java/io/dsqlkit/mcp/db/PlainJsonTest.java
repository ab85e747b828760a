package io.dsqlkit.mcp.db;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A single value's JSON is the SDK mapper's (ResultReader serializes every value of a result through it). */
class PlainJsonTest {
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();

    @Property(tries = 2000)
    void plainValuesAreWrittenAsTheMapperWritesThem(@ForAll("values") Object v) throws Exception {
        assertThat(PlainJson.text(v)).isEqualTo(MAPPER.writeValueAsString(v));
    }

    @Test
    void valuesOfEveryKindAResultHas() throws Exception {
        for (Object v : Arrays.asList(null, "", "é\u0000\u001f\u007f\u2028\ud83d\ude00\"\\/", true, false, 0, -1, Long.MIN_VALUE, (short) 3,
                (byte) -1, 0.1, -0.0, 1e300, Double.NaN, Float.MIN_VALUE, new BigDecimal("0.000"), new BigDecimal("1E-20"),
                new BigDecimal("-12345678901234567890.5"), new java.math.BigInteger("99999999999999999999"), List.of(1, "a"),
                Map.of("k", List.of()))) {
            assertThat(PlainJson.text(v)).as(String.valueOf(v)).isEqualTo(MAPPER.writeValueAsString(v));
        }
    }

    @Test
    void otherValuesAreNotPlain() {
        assertThat(PlainJson.text(java.time.Instant.EPOCH)).isNull();
        assertThat(PlainJson.text(List.of(new Object()))).isNull();
        assertThat(PlainJson.text(Map.of(1, "a"))).isNull();
        assertThat(PlainJson.text(new byte[] {1})).isNull();
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12), Arbitraries.integers(), Arbitraries.longs(),
                Arbitraries.doubles(), Arbitraries.floats(), Arbitraries.bigDecimals(), Arbitraries.bigIntegers(), Arbitraries.shorts(),
                Arbitraries.of(true, false), Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(5), inner).ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m))), 0, 2);
    }
}

package io.dsqlkit.migrate.load;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRecordTest {
    @Test
    void valuesAreTextAsWrittenAndNestedValuesStayJson() {
        Map<String, String> expected = new HashMap<>();
        expected.put("id", "1.50");
        expected.put("big", "123456789012345678901234567890");
        expected.put("ok", "true");
        expected.put("name", "a \"q\" \u00e9");
        expected.put("note", null);
        expected.put("doc", "{\"a\": [1, {\"b\": null}]}");
        expected.put("tags", "[\"x\",\"y\"]");
        assertThat(JsonRecord.parse("{\"id\": 1.50, \"big\": 123456789012345678901234567890, \"ok\": true, "
                + "\"name\": \"a \\\"q\\\" \\u00e9\", \"note\": null, \"doc\": {\"a\": [1, {\"b\": null}]}, \"tags\": [\"x\",\"y\"]}"))
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void notStrictJsonIsRefusedWithTheCharacter() {
        for (String bad : new String[] {"{\"n\": +1}", "{\"n\": 01}", "{\"a\": 1, \"a\": 2}", "{\"a\": 1} x", "[1]", "{\"a\": }", "not json"}) {
            assertThatThrownBy(() -> JsonRecord.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid JSON");
        }
    }
}

package io.dsqlkit.mcp.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostCheckTest {
    static final HostCheck LOOPBACK = new HostCheck("127.0.0.1", "127.0.0.1", true, false, List.of());
    static final HostCheck NAMED = new HostCheck("db-box", "10.0.0.5", false, false, List.of("mcp.internal"));
    static final HostCheck WILDCARD = new HostCheck("0.0.0.0", "0.0.0.0", false, true, List.of());

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "loopback | 127.0.0.1:8765           | true",
            "loopback | localhost:8765           | true",
            "loopback | LOCALHOST                | true",
            "loopback | localhost.:8765          | true",
            "loopback | [::1]:8765               | true",
            "loopback | evil.example:8765        | false",
            "loopback | 127.0.0.1.nip.io         | false",
            "loopback | localhost:8765@evil      | false",
            "loopback | 10.0.0.5                 | false",
            "loopback | ''                       | false",
            "loopback | [::1                     | false",
            "named    | db-box:80                | true",
            "named    | 10.0.0.5:80              | true",
            "named    | mcp.internal             | true",
            "named    | localhost                | false",
            "named    | evil.example             | false",
            "wildcard | 192.168.1.20:8765        | true",
            "wildcard | [fe80::1]:8765           | true",
            "wildcard | localhost                | true",
            "wildcard | rebind.evil.example:8765 | false",
    })
    void hostHeaders(String server, String host, boolean allowed) {
        HostCheck c = switch (server) {
            case "loopback" -> LOOPBACK;
            case "named" -> NAMED;
            default -> WILDCARD;
        };
        assertThat(c.allows(host)).isEqualTo(allowed);
    }
}

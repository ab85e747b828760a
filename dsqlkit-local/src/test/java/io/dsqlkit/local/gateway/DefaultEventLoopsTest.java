package io.dsqlkit.local.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's default event-loop count: one per four CPUs, at least one (see GatewayServer). */
class DefaultEventLoopsTest {
    @Test
    void oneLoopPerFourCpusAtLeastOne() {
        assertThat(GatewayServer.defaultEventLoops(1)).isEqualTo(1);
        assertThat(GatewayServer.defaultEventLoops(2)).isEqualTo(1);
        assertThat(GatewayServer.defaultEventLoops(7)).isEqualTo(1);
        assertThat(GatewayServer.defaultEventLoops(8)).isEqualTo(2);
        assertThat(GatewayServer.defaultEventLoops(64)).isEqualTo(16);
    }
}

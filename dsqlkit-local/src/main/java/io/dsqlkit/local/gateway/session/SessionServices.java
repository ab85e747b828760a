package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.OccModel;

/** What all sessions of one gateway share beyond its configuration; closed with the gateway. */
public final class SessionServices implements AutoCloseable {
    final OccArbiter arbiter;

    private SessionServices(OccArbiter arbiter) {
        this.arbiter = arbiter;
    }

    public static SessionServices start(GatewayConfig config) {
        return new SessionServices(config.occ() == OccModel.DSQL ? new OccArbiter(config.control()) : null);
    }

    @Override
    public void close() {
        if (arbiter != null) arbiter.close();
    }
}

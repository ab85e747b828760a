package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.OccModel;

/** What all sessions of one gateway share beyond its configuration; closed with the gateway. */
public final class SessionServices implements AutoCloseable {
    final OccArbiter arbiter;
    /** Null when pooling is off ({@link BackendPool#MAX_IDLE_PROPERTY} = 0). */
    final BackendPool pool;
    final CancelKeys cancelKeys = new CancelKeys();

    private SessionServices(OccArbiter arbiter, BackendPool pool) {
        this.arbiter = arbiter;
        this.pool = pool;
    }

    public static SessionServices start(GatewayConfig config) {
        return new SessionServices(config.occ() == OccModel.DSQL ? new OccArbiter(config.control()) : null,
                BackendPool.fromSystemProperties());
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
        if (arbiter != null) arbiter.close();
    }
}

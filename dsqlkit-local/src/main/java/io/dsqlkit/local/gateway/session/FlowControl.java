package io.dsqlkit.local.gateway.session;

/** What a message flow tells the session about the client's messages still waiting to be planned. */
interface FlowControl {
    /** A simple Query or FunctionCall is in flight: plan nothing else until its ReadyForQuery. */
    void block();

    /** The backend asked for COPY data: let the client's copy messages through while blocked. */
    void copyInStarted();

    /** The backend's ReadyForQuery ends the exchange at the head of the response queue: relay it, plan again. */
    void readyForQuery(io.dsqlkit.local.gateway.protocol.Frame readyForQuery);
}

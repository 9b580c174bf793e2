package org.audiostream.stream.ws;

/** The states of a {@link TargetBreaker}. Threads: immutable. */
public enum BreakerState {
    /** Connections allowed; failures are counted in the window. */
    CLOSED,
    /** Connections refused until the cooldown ends. */
    OPEN,
    /** Cooldown over: exactly one probe connection allowed; the others are refused. */
    HALF_OPEN
}

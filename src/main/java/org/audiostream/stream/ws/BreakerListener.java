package org.audiostream.stream.ws;

/**
 * Hears a {@link TargetBreaker} change state, for events and metrics.
 *
 * <p>Threads: called by whichever event loop made the transition, while the breaker holds its lock;
 * must not block and must not call back into the breaker.
 */
@FunctionalInterface
public interface BreakerListener {

    BreakerListener NONE = (target, from, to, reason) -> { };

    /**
     * @param target the breaker's key ({@link WsUrl#targetKey()})
     * @param reason why, in a few words (e.g. {@code 5 failures in 60 s}, {@code probe failed}, {@code probe connected})
     */
    void onTransition(String target, BreakerState from, BreakerState to, String reason);
}

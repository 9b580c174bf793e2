package org.audiostream.stream.ai.tts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The seed's TTS breaker (§4.2) over a session's provider chain. Each provider counts its failures in a row;
 * a success resets its count. At {@value #FALLBACK_AFTER} the session moves on to the next provider of the chain
 * (if there is one); the provider it left rests for {@code retryAfter} and is then tried again with one sentence,
 * which brings it back on success. When the last provider reaches {@value #DISABLE_AFTER}, TTS is disabled for the
 * session.
 *
 * <p>Threads: confined to the session's event loop.
 */
final class TtsBreaker {

    static final int FALLBACK_AFTER = 3;
    static final int DISABLE_AFTER = 5;

    /** What a result changed. */
    enum Transition { NONE, FALLBACK, PROBE_FAILED, RECOVERED, DISABLED }

    private final List<TtsProvider> chain;
    private final long retryAfterNanos;
    private final LongSupplier clock;
    private final int[] failures;
    private final long[] restingSince;
    private int active;
    private boolean disabled;

    TtsBreaker(List<TtsProvider> chain, long retryAfterNanos, LongSupplier clock) {
        this.chain = List.copyOf(chain);
        this.retryAfterNanos = retryAfterNanos;
        this.clock = clock;
        this.failures = new int[chain.size()];
        this.restingSince = new long[chain.size()];
    }

    /** The provider for the next sentence: a rested earlier provider if one is due, else the active one; null once disabled. */
    TtsProvider next() {
        if (disabled) {
            return null;
        }
        long now = clock.getAsLong();
        for (int i = 0; i < active; i++) {
            if (now - restingSince[i] >= retryAfterNanos) {
                return chain.get(i);
            }
        }
        return chain.get(active);
    }

    /** The provider sentences normally go to (null once disabled). */
    TtsProvider active() {
        return disabled ? null : chain.get(active);
    }

    boolean disabled() {
        return disabled;
    }

    Transition onSuccess(TtsProvider p) {
        int i = chain.indexOf(p);
        failures[i] = 0;
        if (i < active && !disabled) {
            active = i;
            return Transition.RECOVERED;
        }
        return Transition.NONE;
    }

    Transition onFailure(TtsProvider p) {
        int i = chain.indexOf(p);
        failures[i]++;
        if (disabled) {
            return Transition.NONE;
        }
        if (i < active) {
            restingSince[i] = clock.getAsLong();
            return Transition.PROBE_FAILED;
        }
        boolean last = i == chain.size() - 1;
        if (last && failures[i] >= DISABLE_AFTER) {
            disabled = true;
            return Transition.DISABLED;
        }
        if (!last && failures[i] >= FALLBACK_AFTER) {
            restingSince[i] = clock.getAsLong();
            active = i + 1;
            return Transition.FALLBACK;
        }
        return Transition.NONE;
    }

    /** {@code closed}, {@code fallback} or {@code disabled}, for health. */
    String state() {
        return disabled ? "disabled" : active == 0 ? "closed" : "fallback";
    }

    /** Each provider's failures in a row, in chain order. */
    Map<String, Integer> failuresInARow() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            m.put(chain.get(i).label(), failures[i]);
        }
        return m;
    }
}

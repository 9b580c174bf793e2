package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.audiostream.stream.ai.tts.TtsBreaker.Transition.*;
import static org.audiostream.stream.ai.tts.TtsProvider.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TtsBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final TtsBreaker breaker = new TtsBreaker(List.of(ELEVENLABS, OPENAI, ESPEAK),
            TimeUnit.SECONDS.toNanos(30), now::get);

    @Test
    void threeFailuresInARowMoveOnStepByStepAndFiveOnTheLastDisable() {
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(NONE);
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(NONE);
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(FALLBACK);
        assertThat(breaker.next()).isEqualTo(OPENAI);
        assertThat(breaker.state()).isEqualTo("fallback");
        for (int i = 0; i < 2; i++) {
            assertThat(breaker.onFailure(OPENAI)).isEqualTo(NONE);
        }
        assertThat(breaker.onFailure(OPENAI)).isEqualTo(FALLBACK);
        assertThat(breaker.next()).isEqualTo(ESPEAK);
        for (int i = 0; i < 4; i++) {
            assertThat(breaker.onFailure(ESPEAK)).isEqualTo(NONE);
        }
        assertThat(breaker.onFailure(ESPEAK)).isEqualTo(DISABLED);
        assertThat(breaker.next()).isNull();
        assertThat(breaker.state()).isEqualTo("disabled");
        assertThat(breaker.failuresInARow()).containsExactly(java.util.Map.entry("elevenlabs", 3),
                java.util.Map.entry("openai", 3), java.util.Map.entry("espeak", 5));
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.onFailure(ELEVENLABS);
        breaker.onFailure(ELEVENLABS);
        assertThat(breaker.onSuccess(ELEVENLABS)).isEqualTo(NONE);
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(NONE);
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(NONE);
        assertThat(breaker.next()).isEqualTo(ELEVENLABS);
    }

    @Test
    void aRestedProviderIsTriedAgainAndComesBackOnSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure(ELEVENLABS);
        }
        assertThat(breaker.next()).isEqualTo(OPENAI);
        now.addAndGet(TimeUnit.SECONDS.toNanos(29));
        assertThat(breaker.next()).isEqualTo(OPENAI);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(breaker.next()).as("rested: one sentence probes it").isEqualTo(ELEVENLABS);
        assertThat(breaker.onFailure(ELEVENLABS)).isEqualTo(PROBE_FAILED);
        assertThat(breaker.next()).as("rests again").isEqualTo(OPENAI);
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(breaker.next()).isEqualTo(ELEVENLABS);
        assertThat(breaker.onSuccess(ELEVENLABS)).isEqualTo(RECOVERED);
        assertThat(breaker.state()).isEqualTo("closed");
        assertThat(breaker.failuresInARow().get("elevenlabs")).isZero();
    }

    @Test
    void withoutFallbackThreeFailuresChangeNothingAndFiveDisable() {
        TtsBreaker alone = new TtsBreaker(List.of(ELEVENLABS), 1, now::get);
        for (int i = 0; i < 4; i++) {
            assertThat(alone.onFailure(ELEVENLABS)).isEqualTo(NONE);
        }
        assertThat(alone.onFailure(ELEVENLABS)).isEqualTo(DISABLED);
    }
}

package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtsCacheTest {

    private static TtsCache.Key key(String text) {
        return TtsCache.Key.of(TtsProvider.ELEVENLABS, "voice/model", TtsFormat.ULAW_8000, text);
    }

    private static TtsCache.Audio audio(int bytes) {
        return new TtsCache.Audio(TtsFormat.ULAW_8000, new byte[bytes]);
    }

    @Test
    void theKeyNormalisesWhiteSpaceAndCaseButKeepsProviderVoiceAndFormatApart() {
        TtsCache cache = new TtsCache(1 << 20, 100, Duration.ofHours(1));
        cache.put(key("Hello   there.\n"), audio(100));
        assertThat(cache.get(key(" hello there."))).isPresent();
        assertThat(cache.get(TtsCache.Key.of(TtsProvider.OPENAI, "voice/model", TtsFormat.ULAW_8000, "Hello there."))).isEmpty();
        assertThat(cache.get(TtsCache.Key.of(TtsProvider.ELEVENLABS, "other", TtsFormat.ULAW_8000, "Hello there."))).isEmpty();
        assertThat(cache.get(TtsCache.Key.of(TtsProvider.ELEVENLABS, "voice/model", TtsFormat.ALAW_8000, "Hello there."))).isEmpty();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void boundedByEntriesEvenForTinySentences() {
        TtsCache cache = new TtsCache(1 << 20, 10, Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            cache.put(key("sentence " + i), audio(10));
        }
        assertThat(cache.entries()).isLessThanOrEqualTo(10);
    }

    @Test
    void boundedByBytes() {
        TtsCache cache = new TtsCache(80_000, 1000, Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            cache.put(key("sentence " + i), audio(8_000));
        }
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(80_000);
        assertThat(cache.entries()).isLessThanOrEqualTo(10);
    }

    @Test
    void aSentenceLargerThanAnEighthIsNotKeptAndZeroDisables() {
        TtsCache cache = new TtsCache(80_000, 1000, Duration.ofHours(1));
        cache.put(key("long"), audio(10_001));
        assertThat(cache.get(key("long"))).isEmpty();
        TtsCache off = new TtsCache(0, 0, Duration.ofHours(1));
        off.put(key("x"), audio(10));
        assertThat(off.get(key("x"))).isEmpty();
    }

    @Test
    void aHitTakesWellUnderAMillisecond() {
        TtsCache cache = new TtsCache(64 << 20, 5000, Duration.ofHours(1));
        for (int i = 0; i < 1000; i++) {
            cache.put(key("sentence number " + i), audio(16_000));
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2000; round++) {
            long t = System.nanoTime();
            cache.get(key("sentence number " + (round % 1000)));
            best = Math.min(best, System.nanoTime() - t);
        }
        assertThat(best).isLessThan(1_000_000);
    }
}

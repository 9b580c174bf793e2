package org.audiostream.stream.ai.tts;

import java.util.Optional;
import org.audiostream.media.G711Law;

/**
 * The audio a provider is asked for, named as ElevenLabs names its {@code output_format}s: G.711 for G.711
 * calls (bytes go to the caller's codec unchanged in meaning, nothing resampled), 16-bit little-endian PCM
 * otherwise. Threads: immutable.
 */
public enum TtsFormat {
    ULAW_8000("ulaw_8000", 8000, G711Law.PCMU),
    ALAW_8000("alaw_8000", 8000, G711Law.PCMA),
    PCM_8000("pcm_8000", 8000, null),
    PCM_16000("pcm_16000", 16_000, null),
    PCM_22050("pcm_22050", 22_050, null),
    PCM_24000("pcm_24000", 24_000, null),
    PCM_32000("pcm_32000", 32_000, null),
    PCM_48000("pcm_48000", 48_000, null);

    private final String wireName;
    private final int sampleRate;
    private final G711Law law;

    TtsFormat(String wireName, int sampleRate, G711Law law) {
        this.wireName = wireName;
        this.sampleRate = sampleRate;
        this.law = law;
    }

    /** The format that plays on a call of {@code codecRate} (and {@code law} if G.711) without conversion. */
    public static TtsFormat forCall(int codecRate, Optional<G711Law> law) {
        if (law.isPresent()) {
            return law.get() == G711Law.PCMA ? ALAW_8000 : ULAW_8000;
        }
        for (TtsFormat f : values()) {
            if (f.law == null && f.sampleRate == codecRate) {
                return f;
            }
        }
        return PCM_16000;
    }

    /** ElevenLabs' {@code output_format} value. */
    public String wireName() {
        return wireName;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int bytesPerSample() {
        return law == null ? 2 : 1;
    }

    /** The G.711 law, if this is G.711. */
    public Optional<G711Law> law() {
        return Optional.ofNullable(law);
    }

    /** Milliseconds of audio in {@code bytes}. */
    public long millis(long bytes) {
        return bytes / bytesPerSample() * 1000 / sampleRate;
    }
}

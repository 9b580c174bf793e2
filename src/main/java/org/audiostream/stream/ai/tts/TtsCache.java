package org.audiostream.stream.ai.tts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Synthesised sentences shared by every session of the process (the seed's runbook blames per-session caches
 * for RSS growth), kept as the provider sent them. Keyed by provider, voice (with model and settings), format
 * and the normalised text (trimmed, white space collapsed, lower case). Bounded in bytes and in entries at once:
 * an entry weighs its bytes but at least {@code maxBytes / maxEntries}, so neither bound can be passed; entries
 * expire a fixed time after they were written; a sentence larger than an eighth of the cache is not kept.
 *
 * <p>Threads: thread-safe (Caffeine).
 */
public final class TtsCache {

    /** What the audio of a cached sentence depends on. */
    public record Key(TtsProvider provider, String voice, TtsFormat format, String text) {

        public static Key of(TtsProvider provider, String voice, TtsFormat format, String text) {
            return new Key(provider, voice, format, normalise(text));
        }
    }

    /** A sentence's audio exactly as the provider sent it. Threads: immutable (the array is never written). */
    public record Audio(TtsFormat format, byte[] bytes) {}

    private final Cache<Key, Audio> cache;
    private final long maxEntryBytes;

    /** A cache holding at most {@code maxBytes} of audio in at most {@code maxEntries} sentences; 0 disables it. */
    public TtsCache(long maxBytes, int maxEntries, Duration ttl) {
        long floor = maxEntries == 0 ? Long.MAX_VALUE : Math.max(1, maxBytes / maxEntries);
        this.maxEntryBytes = maxEntries == 0 ? 0 : maxBytes / 8;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxEntries == 0 ? 0 : maxBytes)
                .weigher((Key k, Audio a) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, weight(k, a))))
                .expireAfterWrite(ttl)
                .recordStats()
                // evict on the writing thread: with Caffeine's default (the common pool) the bound held only later
                .executor(Runnable::run)
                .build();
    }

    private static long weight(Key k, Audio a) {
        return a.bytes().length + 2L * k.text().length() + k.voice().length() + 64;
    }

    public Optional<Audio> get(Key key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    /** Keeps {@code audio} unless it is too large to be worth a slot. */
    public void put(Key key, Audio audio) {
        if (audio.bytes().length > 0 && audio.bytes().length <= maxEntryBytes) {
            cache.put(key, audio);
        }
    }

    /** The largest sentence kept, in bytes. */
    public long maxEntryBytes() {
        return maxEntryBytes;
    }

    public long entries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Bytes held (the weight, so the floor of small entries is included). */
    public long weightedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    public long hits() {
        return cache.stats().hitCount();
    }

    public long misses() {
        return cache.stats().missCount();
    }

    public long evictions() {
        return cache.stats().evictionCount();
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}

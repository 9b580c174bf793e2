package org.audiostream.fakes.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link FakeRealtimeServer} behaves. Build with {@link #builder()}; every setting has a default that
 * mimics the live service.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}, {@code port}</td><td>127.0.0.1, 0</td><td>where to listen (0: any free port)</td></tr>
 *   <tr><td>{@code apiKey}</td><td>null</td><td>the accepted bearer key; null accepts any non-blank key</td></tr>
 *   <tr><td>{@code models}</td><td>any {@code gpt-realtime*}</td><td>accepted {@code ?model=} values; others get
 *       {@code invalid_model} and close 4000</td></tr>
 *   <tr><td>{@code maxSessionDuration}</td><td>60 min</td><td>then {@code session_expired} and close 1001</td></tr>
 *   <tr><td>{@code speed}</td><td>4.0</td><td>audio deltas go out this many times faster than real time</td></tr>
 *   <tr><td>{@code chunkMs}</td><td>20..100</td><td>size range of one audio delta, in ms of audio</td></tr>
 *   <tr><td>{@code firstDeltaDelay}</td><td>0</td><td>from {@code response.created} to the first delta</td></tr>
 *   <tr><td>{@code vadOnset}</td><td>20 ms</td><td>loud input audio server VAD needs before it reports
 *       {@code speech_started} (a slower detector, as a model-based one is, reports later)</td></tr>
 *   <tr><td>{@code responses}</td><td>none</td><td>scripts played in order; then {@link ScriptedResponse#defaultReply()}</td></tr>
 *   <tr><td>{@code userTranscripts}</td><td>none</td><td>transcript of the caller's k-th utterance; then "Hello?"</td></tr>
 *   <tr><td>{@code rateLimits}</td><td>{@link RateLimit#defaultTokens()}</td><td>the {@code rate_limits.updated} start values</td></tr>
 *   <tr><td>{@code pingInterval}</td><td>20.26 s</td><td>server WebSocket PING cadence (4-byte payload)</td></tr>
 *   <tr><td>{@code ioThreads}</td><td>1</td><td>Netty event loops of the server</td></tr>
 *   <tr><td>{@code maxConnections}</td><td>256</td><td>open sockets; more get HTTP 503</td></tr>
 *   <tr><td>{@code recordLimitBytes}</td><td>16 MiB</td><td>per session and per kind of record (client events,
 *       server events, received audio, sent audio of one item); the rest is counted, not kept</td></tr>
 *   <tr><td>{@code seed}</td><td>1</td><td>drives the chunk sizes, so runs repeat</td></tr>
 * </table>
 *
 * <p>Threads: immutable.
 */
public final class FakeRealtimeConfig {

    /** GA limit on one {@code input_audio_buffer.append}: 15 MiB of decoded audio. */
    public static final int MAX_APPEND_BYTES = 15 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String apiKey;
    private final Set<String> models;
    private final Duration maxSessionDuration;
    private final double speed;
    private final int minChunkMs;
    private final int maxChunkMs;
    private final Duration firstDeltaDelay;
    private final Duration vadOnset;
    private final List<ScriptedResponse> responses;
    private final List<String> userTranscripts;
    private final List<RateLimit> rateLimits;
    private final Duration pingInterval;
    private final int ioThreads;
    private final int maxConnections;
    private final long recordLimitBytes;
    private final long seed;

    private FakeRealtimeConfig(Builder b) {
        host = b.host;
        port = b.port;
        apiKey = b.apiKey;
        models = b.models;
        maxSessionDuration = b.maxSessionDuration;
        speed = b.speed;
        minChunkMs = b.minChunkMs;
        maxChunkMs = b.maxChunkMs;
        firstDeltaDelay = b.firstDeltaDelay;
        vadOnset = b.vadOnset;
        responses = List.copyOf(b.responses);
        userTranscripts = List.copyOf(b.userTranscripts);
        rateLimits = List.copyOf(b.rateLimits);
        pingInterval = b.pingInterval;
        ioThreads = b.ioThreads;
        maxConnections = b.maxConnections;
        recordLimitBytes = b.recordLimitBytes;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The accepted bearer key, or null when any non-blank key is accepted. */
    public String apiKey() {
        return apiKey;
    }

    /** Whether {@code ?model=model} is accepted. */
    public boolean acceptsModel(String model) {
        return models == null ? model.startsWith("gpt-realtime") : models.contains(model);
    }

    public Duration maxSessionDuration() {
        return maxSessionDuration;
    }

    public double speed() {
        return speed;
    }

    public int minChunkMs() {
        return minChunkMs;
    }

    public int maxChunkMs() {
        return maxChunkMs;
    }

    public Duration firstDeltaDelay() {
        return firstDeltaDelay;
    }

    public Duration vadOnset() {
        return vadOnset;
    }

    public List<ScriptedResponse> responses() {
        return responses;
    }

    public List<String> userTranscripts() {
        return userTranscripts;
    }

    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public long recordLimitBytes() {
        return recordLimitBytes;
    }

    public long seed() {
        return seed;
    }

    /** Collects settings; {@link #build()} checks them. Threads: not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private Set<String> models;
        private Duration maxSessionDuration = Duration.ofMinutes(60);
        private double speed = 4.0;
        private int minChunkMs = 20;
        private int maxChunkMs = 100;
        private Duration firstDeltaDelay = Duration.ZERO;
        private Duration vadOnset = Duration.ofMillis(20);
        private final List<ScriptedResponse> responses = new ArrayList<>();
        private final List<String> userTranscripts = new ArrayList<>();
        private List<RateLimit> rateLimits = List.of(RateLimit.defaultTokens());
        private Duration pingInterval = Duration.ofMillis(20_260);
        private int ioThreads = 1;
        private int maxConnections = 256;
        private long recordLimitBytes = 16L * 1024 * 1024;
        private long seed = 1;

        private Builder() {}

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder models(String... models) {
            this.models = Set.of(models);
            return this;
        }

        public Builder maxSessionDuration(Duration maxSessionDuration) {
            this.maxSessionDuration = Objects.requireNonNull(maxSessionDuration, "maxSessionDuration");
            return this;
        }

        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        public Builder chunkMs(int min, int max) {
            this.minChunkMs = min;
            this.maxChunkMs = max;
            return this;
        }

        public Builder firstDeltaDelay(Duration firstDeltaDelay) {
            this.firstDeltaDelay = Objects.requireNonNull(firstDeltaDelay, "firstDeltaDelay");
            return this;
        }

        public Builder vadOnset(Duration vadOnset) {
            this.vadOnset = Objects.requireNonNull(vadOnset, "vadOnset");
            return this;
        }

        /** Adds scripts to the end of the queue. */
        public Builder responses(ScriptedResponse... responses) {
            this.responses.addAll(List.of(responses));
            return this;
        }

        /** Adds transcripts for the caller's next utterances. */
        public Builder userTranscripts(String... transcripts) {
            this.userTranscripts.addAll(List.of(transcripts));
            return this;
        }

        public Builder rateLimits(RateLimit... limits) {
            this.rateLimits = List.of(limits);
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder recordLimitBytes(long recordLimitBytes) {
            this.recordLimitBytes = recordLimitBytes;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public FakeRealtimeConfig build() {
            require(port >= 0 && port <= 65_535, "port must be 0..65535: port=" + port);
            require(!maxSessionDuration.isNegative() && !maxSessionDuration.isZero(),
                    "maxSessionDuration must be positive: " + maxSessionDuration);
            require(speed > 0 && speed <= 1_000, "speed must be in (0, 1000]: speed=" + speed);
            require(minChunkMs >= 1 && minChunkMs <= maxChunkMs && maxChunkMs <= 10_000,
                    "chunkMs needs 1 <= min <= max <= 10000: min=" + minChunkMs + ", max=" + maxChunkMs);
            require(!firstDeltaDelay.isNegative(), "firstDeltaDelay must not be negative: " + firstDeltaDelay);
            require(vadOnset.toMillis() >= ServerVad.FRAME_MS && vadOnset.toMillis() <= 5_000,
                    "vadOnset must be in [10 ms, 5 s]: vadOnset=" + vadOnset);
            require(pingInterval.toMillis() >= 10, "pingInterval must be >= 10 ms: " + pingInterval);
            require(ioThreads >= 1 && ioThreads <= 64, "ioThreads must be 1..64: ioThreads=" + ioThreads);
            require(maxConnections >= 1, "maxConnections must be >= 1: maxConnections=" + maxConnections);
            require(recordLimitBytes >= 0, "recordLimitBytes must be >= 0: recordLimitBytes=" + recordLimitBytes);
            require(apiKey == null || !apiKey.isBlank(), "apiKey must not be blank (null accepts any key)");
            return new FakeRealtimeConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}

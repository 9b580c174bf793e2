package org.audiostream.stream.ws;

import io.github.resilience4j.core.IntervalFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * Everything one {@link WsStreamClient} needs to know about its target. Built with {@link #builder(WsUrl)};
 * the defaults are listed on the builder's methods. Threads: immutable.
 *
 * @param url the target
 * @param metadata {@code start}'s metadata, or {@code null}: the text frame the mod_audio_stream dialect sends
 *     first on every (re)connect (another dialect's {@link WireEncoder} carries it its own way)
 * @param extraHeaders HTTP upgrade headers ({@code STREAM_EXTRA_HEADERS}, see {@link ExtraHeaders})
 * @param tls TLS options, used for {@code wss}
 * @param deflate offer permessage-deflate (RFC 7692)
 * @param heartbeatInterval ping period ({@code STREAM_HEART_BEAT}); {@link Duration#ZERO} = no pings
 * @param pongTimeout how long a ping may stay unanswered before {@link WsErrorCode#PING_TIMEOUT}
 * @param connectTimeout one attempt's limit for TCP connect, TLS and the HTTP upgrade together
 * @param closeTimeout how long {@code stop} waits for the server's close frame before dropping TCP
 * @param reconnectMax reconnect attempts after a failure or drop ({@code AUDIO_STREAM_RECONNECT_MAX},
 *     0 = none, as in mod_audio_stream)
 * @param reconnectBackoff delay before reconnect attempt n (1-based), in ms
 * @param reconnectResetAfter a connection that stays open this long gives back the whole reconnect budget
 * @param sendQueueFrames audio frames that may wait between the media thread and the socket
 * @param maxFrameBytes the largest audio frame {@code offerAudio} accepts (one batch)
 * @param maxInboundMessageBytes the largest server message accepted; larger closes with 1009
 * @param socketSendBufferBytes what the connection itself may hold beyond the send queue: the socket's
 *     {@code SO_SNDBUF} and the channel's write-buffer high-water mark; 0 leaves the OS default, which Linux
 *     autotunes up to {@code net.ipv4.tcp_wmem}'s maximum (4 MiB): a server that stops reading then absorbs
 *     that much audio, growing its delay, before the send queue drops anything
 * @param sessionUuid the session this client streams for, put in the uuid slot of its log lines, or
 *     {@code null} outside a session
 * @param reconnectAfterClose the server close codes that are followed by a reconnect
 * @param retryThroughOpenBreaker an attempt refused by the open breaker uses one reconnect and the next waits its
 *     back-off (a reconnect breaker, seed §4.3), instead of ending the stream
 */
public record WsClientConfig(
        WsUrl url,
        String metadata,
        Map<String, String> extraHeaders,
        TlsSettings tls,
        boolean deflate,
        Duration heartbeatInterval,
        Duration pongTimeout,
        Duration connectTimeout,
        Duration closeTimeout,
        int reconnectMax,
        IntervalFunction reconnectBackoff,
        Duration reconnectResetAfter,
        int sendQueueFrames,
        int maxFrameBytes,
        int maxInboundMessageBytes,
        int socketSendBufferBytes,
        String sessionUuid,
        IntPredicate reconnectAfterClose,
        boolean retryThroughOpenBreaker) {

    /** mod_audio_stream's {@code MAX_METADATA_LEN}; longer metadata is refused, not truncated. */
    public static final int MAX_METADATA_BYTES = 8192;

    /** Upper bound of {@code AUDIO_STREAM_RECONNECT_MAX} (PR #118's range 0–100). */
    public static final int MAX_RECONNECTS = 100;

    public WsClientConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
        Objects.requireNonNull(reconnectAfterClose, "reconnectAfterClose");
        extraHeaders = Map.copyOf(extraHeaders);
        extraHeaders.forEach((name, value) -> {
            ExtraHeaders.checkName(name);
            ExtraHeaders.checkValue(name, value);
        });
        if (metadata != null && metadata.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("WS config rejected: metadata length="
                    + metadata.getBytes(StandardCharsets.UTF_8).length + " bytes > " + MAX_METADATA_BYTES
                    + " (url=" + url + ")");
        }
        requireNonNegative("heartbeatInterval", heartbeatInterval, url);
        requirePositive("pongTimeout", pongTimeout, url);
        requirePositive("connectTimeout", connectTimeout, url);
        requirePositive("closeTimeout", closeTimeout, url);
        requireNonNegative("reconnectResetAfter", reconnectResetAfter, url);
        requireRange("reconnectMax", reconnectMax, 0, MAX_RECONNECTS, url);
        requireRange("sendQueueFrames", sendQueueFrames, 1, 1 << 16, url);
        requireRange("maxFrameBytes", maxFrameBytes, 2, 16 << 20, url);
        requireRange("maxInboundMessageBytes", maxInboundMessageBytes, 1024, 128 << 20, url);
        if (socketSendBufferBytes != 0) {
            requireRange("socketSendBufferBytes", socketSendBufferBytes, 4096, 64 << 20, url);
        }
    }

    /** A builder with the defaults for {@code url}. */
    public static Builder builder(WsUrl url) {
        return new Builder(url);
    }

    /** A builder that starts from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(url);
        b.metadata = metadata;
        b.extraHeaders = extraHeaders;
        b.tls = tls;
        b.deflate = deflate;
        b.heartbeatInterval = heartbeatInterval;
        b.pongTimeout = pongTimeout;
        b.connectTimeout = connectTimeout;
        b.closeTimeout = closeTimeout;
        b.reconnectMax = reconnectMax;
        b.reconnectBackoff = reconnectBackoff;
        b.reconnectResetAfter = reconnectResetAfter;
        b.sendQueueFrames = sendQueueFrames;
        b.maxFrameBytes = maxFrameBytes;
        b.maxInboundMessageBytes = maxInboundMessageBytes;
        b.socketSendBufferBytes = socketSendBufferBytes;
        b.sessionUuid = sessionUuid;
        b.reconnectAfterClose = reconnectAfterClose;
        b.retryThroughOpenBreaker = retryThroughOpenBreaker;
        return b;
    }

    /**
     * Exponential back-off with jitter applied after the cap: {@code min(initial × 2^(n-1), cap) × (1 ± jitter)}.
     * Resilience4j's {@code ofExponentialRandomBackoff} caps after randomising, so every delay at the cap is
     * exactly the cap and sessions that dropped together would reconnect together.
     */
    public static IntervalFunction exponentialJitterBackoff(long initialMillis, long capMillis, double jitter) {
        if (initialMillis < 1 || capMillis < initialMillis || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff rejected: initialMillis=" + initialMillis + " capMillis="
                    + capMillis + " jitter=" + jitter + " (need 1 <= initial <= cap, 0 <= jitter < 1)");
        }
        return attempt -> {
            double base = Math.min((double) initialMillis * Math.pow(2, Math.max(0, attempt - 1)), capMillis);
            double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
            return Math.max(1, Math.round(base * factor));
        };
    }

    /** {@code true} when pings are sent. */
    public boolean heartbeatEnabled() {
        return !heartbeatInterval.isZero();
    }

    private static void requirePositive(String name, Duration value, WsUrl url) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("WS config rejected: " + name + "=" + value + " must be > 0 (url="
                    + url + ")");
        }
    }

    private static void requireNonNegative(String name, Duration value, WsUrl url) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException("WS config rejected: " + name + "=" + value + " must be >= 0 (url="
                    + url + ")");
        }
    }

    private static void requireRange(String name, int value, int min, int max, WsUrl url) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("WS config rejected: " + name + "=" + value + " out of range "
                    + min + "-" + max + " (url=" + url + ")");
        }
    }

    /** Builds a {@link WsClientConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final WsUrl url;
        private String metadata;
        private Map<String, String> extraHeaders = Map.of();
        private TlsSettings tls = TlsSettings.DEFAULT;
        private boolean deflate = true;
        private Duration heartbeatInterval = Duration.ZERO;
        private Duration pongTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(2);
        private int reconnectMax;
        private IntervalFunction reconnectBackoff = exponentialJitterBackoff(500, 8000, 0.2);
        private Duration reconnectResetAfter = Duration.ofSeconds(10);
        private int sendQueueFrames = 64;
        private int maxFrameBytes = 3840;
        private int maxInboundMessageBytes = 8 << 20;
        private int socketSendBufferBytes;
        private String sessionUuid;
        private IntPredicate reconnectAfterClose = code -> code != 1000;
        private boolean retryThroughOpenBreaker;

        private Builder(WsUrl url) {
            this.url = url;
        }

        /** Default none. */
        public Builder metadata(String value) {
            this.metadata = value;
            return this;
        }

        /** Default none. */
        public Builder extraHeaders(Map<String, String> value) {
            this.extraHeaders = value;
            return this;
        }

        /** Default {@link TlsSettings#DEFAULT}. */
        public Builder tls(TlsSettings value) {
            this.tls = value;
            return this;
        }

        /** Default on, as libwsc offers it. */
        public Builder deflate(boolean value) {
            this.deflate = value;
            return this;
        }

        /** Default off. */
        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = value;
            return this;
        }

        /** Default 10 s. */
        public Builder pongTimeout(Duration value) {
            this.pongTimeout = value;
            return this;
        }

        /** Default 5 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** Default 2 s. */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = value;
            return this;
        }

        /** Default 0 (no reconnect). */
        public Builder reconnectMax(int value) {
            this.reconnectMax = value;
            return this;
        }

        /** Default {@code exponentialJitterBackoff(500, 8000, 0.2)}: 0.5, 1, 2, 4, 8, 8 ... s, each ±20 %. */
        public Builder reconnectBackoff(IntervalFunction value) {
            this.reconnectBackoff = value;
            return this;
        }

        /** Default 10 s. */
        public Builder reconnectResetAfter(Duration value) {
            this.reconnectResetAfter = value;
            return this;
        }

        /** Default 64 frames. */
        public Builder sendQueueFrames(int value) {
            this.sendQueueFrames = value;
            return this;
        }

        /** Default 3840 bytes: 20 ms of 48 kHz stereo L16. */
        public Builder maxFrameBytes(int value) {
            this.maxFrameBytes = value;
            return this;
        }

        /** Default 8 MiB; should exceed {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN} plus the JSON around it. */
        public Builder maxInboundMessageBytes(int value) {
            this.maxInboundMessageBytes = value;
            return this;
        }

        /** Default 0: the OS default, autotuned (see {@link WsClientConfig}). */
        public Builder socketSendBufferBytes(int value) {
            this.socketSendBufferBytes = value;
            return this;
        }

        /** Default none: log lines carry no session. */
        public Builder sessionUuid(String value) {
            this.sessionUuid = value;
            return this;
        }

        /**
         * Which close codes from the server are followed by a reconnect (within {@code reconnectMax}).
         * Default: every code but 1000.
         */
        public Builder reconnectAfterClose(IntPredicate value) {
            this.reconnectAfterClose = value;
            return this;
        }

        /** Default off: a refusal by the open breaker ends the stream. */
        public Builder retryThroughOpenBreaker(boolean value) {
            this.retryThroughOpenBreaker = value;
            return this;
        }

        public WsClientConfig build() {
            return new WsClientConfig(url, metadata, extraHeaders, tls, deflate, heartbeatInterval, pongTimeout,
                    connectTimeout, closeTimeout, reconnectMax, reconnectBackoff, reconnectResetAfter,
                    sendQueueFrames, maxFrameBytes, maxInboundMessageBytes, socketSendBufferBytes, sessionUuid,
                    reconnectAfterClose, retryThroughOpenBreaker);
        }
    }
}

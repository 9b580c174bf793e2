package org.audiostream.config;

import static org.audiostream.config.ValueType.*;

/**
 * Per-call settings of WS streaming mode (seed §7.1, §9.2). Primary names are the seed's
 * {@code AUDIO_STREAM_*}; the fork's {@code STREAM_*} names are aliases
 * ({@code reference/mod_audio_stream.md} §1.6, §2.1).
 */
public final class StreamSettings {

    public static final Setting SAMPLING = Setting.named("AUDIO_STREAM_SAMPLING", "stream.sampling", INTEGER)
            .unit("Hz").defaultValue(8000).oneOf(8000, 16000, 24000, 32000, 48000)
            .describe("Sample rate of the audio sent to the WebSocket app when start gives none.");

    public static final Setting PROTOCOL = Setting.named("AUDIO_STREAM_PROTOCOL", "stream.protocol",
                    choice("mod_audio_stream", "twilio"))
            .defaultValue("mod_audio_stream")
            .describe("WebSocket dialect: mod_audio_stream (binary L16 up, streamAudio down) or twilio (Twilio Media"
                    + " Streams JSON, base64 mu-law 8 kHz both ways); start's protocol= overrides it.");

    public static final Setting CHANNELS = Setting.named("AUDIO_STREAM_CHANNELS", "stream.channels", INTEGER)
            .defaultValue(1).range(1, 2)
            .describe("Channels sent upstream when start gives no mix type: 1 = mono (caller), 2 = stereo.");

    public static final Setting RTP_PACKETS = Setting.named("AUDIO_STREAM_RTP_PACKETS", "stream.rtp_packets", INTEGER)
            .alias("STREAM_BUFFER_SIZE", StreamSettings::bufferSizeMsToPackets,
                    "STREAM_BUFFER_SIZE is in ms (a multiple of 20); it is divided by 20")
            .unit("frames").defaultValue(1).range(1, 50)
            .describe("20 ms frames batched into one WebSocket binary message.");

    public static final Setting INJECT_BUFFER_MS = Setting.named("AUDIO_STREAM_INJECT_BUFFER_MS", "stream.inject_buffer_ms", INTEGER)
            .alias("STREAM_INJECT_BUFFER_MS")
            .unit("ms").defaultValue(5000).range(100, 30_000)
            .describe("Capacity of the inject (playback) buffer; on overflow the oldest audio is dropped.");

    public static final Setting INJECT_MIN_BUFFER_MS = Setting.named("AUDIO_STREAM_INJECT_MIN_BUFFER_MS", "stream.inject_min_buffer_ms", INTEGER)
            .alias("STREAM_INJECT_MIN_BUFFER_MS")
            .unit("ms").defaultValue(60).range(0, 5000).replacement(0)
            .describe("Jitter prebuffer before playout starts at the beginning of a talk spurt; the tail always drains.");

    public static final Setting INJECT_TRIM = Setting.named("AUDIO_STREAM_INJECT_TRIM", "stream.inject_trim", BOOLEAN)
            .defaultValue(true)
            .describe("Cut a WebSocket stream's standing inject backlog back to the prebuffer once it has stood above it"
                    + " for 0.5 s while the app sends in real time (after a stall its burst would otherwise delay every"
                    + " later frame); audio sent faster than real time (TTS) always plays in full. false keeps everything,"
                    + " for an app that paces its own playout ahead.");

    public static final Setting HEALTH_MAX_DELAY_MS = Setting.named("AUDIO_STREAM_HEALTH_MAX_DELAY_MS",
                    "stream.health_max_delay_ms", INTEGER)
            .unit("ms").defaultValue(200).range(20, 30_000)
            .describe("A WebSocket stream's session health is DEGRADED while the inject backlog that stood throughout"
                    + " the last 0.5 s (health inject.standing_ms) exceeds this.");

    public static final Setting INJECT_LOG_EVERY_MS = Setting.named("AUDIO_STREAM_INJECT_LOG_EVERY_MS", "stream.inject_log_every_ms", INTEGER)
            .alias("STREAM_INJECT_LOG_EVERY_MS")
            .unit("ms").defaultValue(10_000).range(0, 600_000)
            .describe("Interval of the inject statistics line; 0 disables it.");

    public static final Setting MAX_AUDIO_BASE64_LEN = Setting.named("AUDIO_STREAM_MAX_AUDIO_BASE64_LEN", "stream.max_audio_base64_len", INTEGER)
            .alias("STREAM_MAX_AUDIO_BASE64_LEN")
            .unit("chars").defaultValue(1_000_000).range(1000, 10_000_000)
            .describe("Largest base64 audioData accepted in one streamAudio message; larger ones are rejected.");

    public static final Setting RECONNECT_MAX = Setting.named("AUDIO_STREAM_RECONNECT_MAX", "stream.reconnect_max", INTEGER)
            .alias("STREAM_RECONNECT_MAX")
            .defaultValue(3).range(0, 100)
            .describe("Reconnect attempts after the WebSocket drops (never after stop or a 1000 close); 0 disables.");

    public static final Setting MAX_QUEUE_MS = Setting.named("AUDIO_STREAM_MAX_QUEUE_MS", "stream.max_queue_ms", INTEGER)
            .alias("STREAM_MAX_QUEUE_MS")
            .unit("ms").defaultValue(2000).range(20, 60_000)
            .describe("Audio the upstream send queue may hold, and the socket beyond it (at least 16 KiB); beyond it frames are dropped and counted.");

    public static final Setting CONNECT_TIMEOUT_MS = Setting.named("AUDIO_STREAM_CONNECT_TIMEOUT_MS", "stream.connect_timeout_ms", INTEGER)
            .unit("ms").defaultValue(5000).range(100, 60_000)
            .describe("WebSocket connect and upgrade timeout.");

    public static final Setting HEART_BEAT = Setting.named("AUDIO_STREAM_HEART_BEAT", "stream.heart_beat", INTEGER)
            .alias("STREAM_HEART_BEAT")
            .unit("s").defaultValue(0).range(0, 3600)
            .describe("WebSocket ping interval; a missing pong within the interval is an error. 0 disables.");

    public static final Setting DEFLATE = Setting.named("AUDIO_STREAM_DEFLATE", "stream.deflate", BOOLEAN)
            .alias("STREAM_MESSAGE_DEFLATE", StreamSettings::invert,
                    "STREAM_MESSAGE_DEFLATE=true disables compression, as in mod_audio_stream")
            .defaultValue(false)
            .describe("Offer permessage-deflate on the WebSocket upgrade.");

    public static final Setting EXTRA_HEADERS = Setting.named("AUDIO_STREAM_EXTRA_HEADERS", "stream.extra_headers", JSON_OBJECT)
            .alias("STREAM_EXTRA_HEADERS")
            .secret()
            .describe("JSON object of extra HTTP headers for the WebSocket upgrade; values are secrets. Set for the "
                    + "service, they go only to AUDIO_STREAM_EXTRA_HEADERS_TARGETS; set for one call, to its target.");

    public static final Setting EXTRA_HEADERS_TARGETS = Setting.named("AUDIO_STREAM_EXTRA_HEADERS_TARGETS",
                    "stream.extra_headers_targets", TARGET_LIST)
            .service().defaultValue(TargetAllowList.NONE)
            .describe("Stream targets ([ws[s]://]host[:port][/path] patterns) that get the service's "
                    + "AUDIO_STREAM_EXTRA_HEADERS; others are streamed to without them.");

    public static final Setting ALLOWED_TARGETS = Setting.named("AUDIO_STREAM_ALLOWED_TARGETS", "stream.allowed_targets",
                    TARGET_LIST)
            .service().defaultValue(TargetAllowList.parse("127.0.0.1, localhost, [::1]"))
            .describe("Stream targets ([ws[s]://]host[:port][/path] patterns, or * for any) a start may name; others "
                    + "are refused. The default allows only this machine: list your app, e.g. wss://app.example.com/stream.");

    public static final Setting SUPPRESS_LOG = Setting.named("AUDIO_STREAM_SUPPRESS_LOG", "stream.suppress_log", BOOLEAN)
            .alias("STREAM_SUPPRESS_LOG")
            .defaultValue(false)
            .describe("Do not log each message from the app at DEBUG; events still fire.");

    public static final Setting TLS_CA_FILE = Setting.named("AUDIO_STREAM_TLS_CA_FILE", "stream.tls_ca_file", TEXT)
            .alias("STREAM_TLS_CA_FILE")
            .defaultValue("SYSTEM")
            .describe("wss trust: a CA bundle file, SYSTEM (the JDK trust store) or NONE (no verification).");

    public static final Setting TLS_CERT_FILE = Setting.named("AUDIO_STREAM_TLS_CERT_FILE", "stream.tls_cert_file", TEXT)
            .alias("STREAM_TLS_CERT_FILE")
            .describe("Client certificate (PEM) for mutual TLS.");

    public static final Setting TLS_KEY_FILE = Setting.named("AUDIO_STREAM_TLS_KEY_FILE", "stream.tls_key_file", TEXT)
            .alias("STREAM_TLS_KEY_FILE")
            .describe("Client private key (PEM) for mutual TLS.");

    public static final Setting TLS_DISABLE_HOSTNAME_VALIDATION = Setting.named("AUDIO_STREAM_TLS_DISABLE_HOSTNAME_VALIDATION",
                    "stream.tls_disable_hostname_validation", BOOLEAN)
            .alias("STREAM_TLS_DISABLE_HOSTNAME_VALIDATION")
            .defaultValue(false)
            .describe("Skip the server certificate's hostname check.");

    public static final Setting INBOUND_SAMPLE_RATE = Setting.named("AUDIO_STREAM_INBOUND_SAMPLE_RATE", "stream.inbound_sample_rate", INTEGER)
            .alias("STREAM_SAMPLE_RATE")
            .unit("Hz").defaultValue(0).oneOf(0, 8000, 16000, 22050, 24000, 32000, 44100, 48000)
            .describe("Rate of raw binary L16 frames from the app; 0 means the app sends streamAudio JSON only.");

    public static final Setting FILE_MODE = Setting.named("AUDIO_STREAM_FILE_MODE", "stream.file_mode", BOOLEAN)
            .defaultValue(false)
            .describe("Legacy mode: write received audio to files and fire play events instead of injecting it.");

    public static final Setting REPORT_INTERVAL_MS = Setting.named("AUDIO_STREAM_REPORT_INTERVAL_MS", "stream.report_interval_ms", INTEGER)
            .unit("ms").defaultValue(10_000).range(1000, 3_600_000)
            .describe("Interval of the per-session telemetry summary (seed §1.4).");

    private StreamSettings() {}

    static String bufferSizeMsToPackets(String ms) {
        int value = Integer.parseInt(ms.trim());
        if (value < 20 || value % 20 != 0) {
            throw new IllegalArgumentException("STREAM_BUFFER_SIZE must be a positive multiple of 20 ms");
        }
        return Integer.toString(value / 20);
    }

    static String invert(String bool) {
        return Boolean.toString(!(Boolean) ValueType.BOOLEAN.parse(bool));
    }
}

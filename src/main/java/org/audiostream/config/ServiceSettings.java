package org.audiostream.config;

import static org.audiostream.config.ValueType.*;

/** Settings of the process as a whole (DESIGN.md §3a): binds, ports, limits, logging. Set by file or environment. */
public final class ServiceSettings {

    public static final Setting SIP_BIND = Setting.named("AUDIO_STREAM_SIP_BIND", "sip.bind", HOST_PORT)
            .service().defaultValue(new HostPort("127.0.0.1", 5060))
            .describe("SIP listen address, UDP and TCP.");

    public static final Setting SIP_TRUSTED_SOURCES = Setting.named("AUDIO_STREAM_SIP_TRUSTED_SOURCES", "sip.trusted_sources",
                    ADDRESS_LIST)
            .service().defaultValue(AddressList.parse("127.0.0.0/8, ::1"))
            .describe("Signalling sources (IP addresses, CIDR blocks, or none) whose INVITEs may carry per-call control: "
                    + "X-AUDIO_STREAM_* headers, X-AUDIO_STREAM_START. Others are answered, but those headers are ignored "
                    + "(WARN, counted) and their INVITE rate is limited. List your PBX or proxy here.");

    public static final Setting SIP_INVITE_RATE = Setting.named("AUDIO_STREAM_SIP_INVITE_RATE", "sip.invite_rate", INTEGER)
            .service().unit("/s").defaultValue(10).range(1, 100_000)
            .describe("New INVITEs per second one untrusted source address may send (bursts of twice that); beyond it "
                    + "503 with Retry-After. Trusted sources are limited only by limits.max_sessions.");

    public static final Setting SIP_TCP_MAX_CONNECTIONS = Setting.named("AUDIO_STREAM_SIP_TCP_MAX_CONNECTIONS",
                    "sip.tcp_max_connections", INTEGER)
            .service().defaultValue(1024).range(1, 100_000)
            .describe("SIP TCP connections open at once; more are closed as soon as they are accepted.");

    public static final Setting SIP_TCP_MAX_CONNECTIONS_PER_SOURCE = Setting.named(
                    "AUDIO_STREAM_SIP_TCP_MAX_CONNECTIONS_PER_SOURCE", "sip.tcp_max_connections_per_source", INTEGER)
            .service().defaultValue(64).range(1, 100_000)
            .describe("SIP TCP connections one source address may hold open.");

    public static final Setting SIP_TCP_MESSAGE_TIMEOUT_MS = Setting.named("AUDIO_STREAM_SIP_TCP_MESSAGE_TIMEOUT_MS",
                    "sip.tcp_message_timeout_ms", INTEGER)
            .service().unit("ms").defaultValue(5000).range(100, 600_000)
            .describe("A SIP message on TCP must be complete this long after its first byte, else the connection is closed "
                    + "(slow senders).");

    public static final Setting RTP_PORTS = Setting.named("AUDIO_STREAM_RTP_PORTS", "rtp.ports", PORT_RANGE)
            .service().defaultValue(new PortRange(20000, 29999))
            .describe("RTP/RTCP port range; each call takes an even RTP port and the odd port above it.");

    public static final Setting RTP_TIMEOUT_MS = Setting.named("AUDIO_STREAM_RTP_TIMEOUT_MS", "rtp.timeout_ms", INTEGER)
            .service().unit("ms").defaultValue(30000).range(0, 3_600_000)
            .describe("Hang up a call when no RTP arrives for this long (not while on hold); 0 disables.");

    public static final Setting RTP_JITTER_START_MS = Setting.named("AUDIO_STREAM_RTP_JITTER_START_MS", "rtp.jitter_start_ms",
                    INTEGER)
            .service().unit("ms").defaultValue(40).range(20, 1000)
            .describe("Caller audio's jitter buffer delay when a stream starts or resynchronises; it then adapts between"
                    + " rtp.jitter_min_ms and rtp.jitter_max_ms.");

    public static final Setting RTP_JITTER_MIN_MS = Setting.named("AUDIO_STREAM_RTP_JITTER_MIN_MS", "rtp.jitter_min_ms", INTEGER)
            .service().unit("ms").defaultValue(20).range(20, 1000)
            .describe("Lowest delay the jitter buffer shrinks to after a quiet spell without late packets.");

    public static final Setting RTP_JITTER_MAX_MS = Setting.named("AUDIO_STREAM_RTP_JITTER_MAX_MS", "rtp.jitter_max_ms", INTEGER)
            .service().unit("ms").defaultValue(200).range(20, 1000)
            .describe("Highest delay the jitter buffer grows to, one frame per late packet.");

    public static final Setting HTTP_BIND = Setting.named("AUDIO_STREAM_HTTP_BIND", "http.bind", HOST_PORT)
            .service().defaultValue(new HostPort("127.0.0.1", 8080))
            .describe("Admin HTTP listen address: POST /api, /v1/..., /metrics, /livez, /readyz.");

    public static final Setting HTTP_TOKEN = Setting.named("AUDIO_STREAM_HTTP_TOKEN", "http.token", SECRET)
            .service()
            .describe("Bearer token the admin HTTP server requires; mandatory when http.bind is not loopback.");

    public static final Setting HTTP_MAX_CONNECTIONS = Setting.named("AUDIO_STREAM_HTTP_MAX_CONNECTIONS",
                    "http.max_connections", INTEGER)
            .service().defaultValue(128).range(1, 100_000)
            .describe("Admin HTTP connections open at once (event streams included); more are closed when accepted.");

    public static final Setting HTTP_MAX_CONNECTIONS_PER_SOURCE = Setting.named("AUDIO_STREAM_HTTP_MAX_CONNECTIONS_PER_SOURCE",
                    "http.max_connections_per_source", INTEGER)
            .service().defaultValue(32).range(1, 100_000)
            .describe("Admin HTTP connections one source address may hold open.");

    public static final Setting HTTP_REQUEST_TIMEOUT_MS = Setting.named("AUDIO_STREAM_HTTP_REQUEST_TIMEOUT_MS",
                    "http.request_timeout_ms", INTEGER)
            .service().unit("ms").defaultValue(10_000).range(100, 600_000)
            .describe("An admin HTTP request must be complete this long after its first byte, else the connection is closed.");

    public static final Setting HTTP_IDLE_TIMEOUT_MS = Setting.named("AUDIO_STREAM_HTTP_IDLE_TIMEOUT_MS",
                    "http.idle_timeout_ms", INTEGER)
            .service().unit("ms").defaultValue(60_000).range(100, 3_600_000)
            .describe("Close an admin HTTP connection that carries no request for this long (not event streams).");

    public static final Setting EVENTS_MAX_SUBSCRIBERS = Setting.named("AUDIO_STREAM_EVENTS_MAX_SUBSCRIBERS",
                    "events.max_subscribers", INTEGER)
            .service().defaultValue(64).range(1, 10_000)
            .describe("Event streams (/v1/events, SSE or WebSocket) open at once; more are refused with 503.");

    public static final Setting EVENTS_SUBSCRIBER_QUEUE = Setting.named("AUDIO_STREAM_EVENTS_SUBSCRIBER_QUEUE",
                    "events.subscriber_queue", INTEGER)
            .service().unit("events").defaultValue(1024).range(16, 1_000_000)
            .describe("Events one stream subscriber may fall behind by; a subscriber further behind is disconnected "
                    + "with a final message, and what it missed is counted as dropped.");

    public static final Setting MAX_SESSIONS = Setting.named("AUDIO_STREAM_MAX_SESSIONS", "limits.max_sessions", INTEGER)
            .service().defaultValue(1000).range(1, 100_000)
            .describe("Admission cap: beyond it INVITE and OPTIONS are answered 503 with Retry-After.");

    public static final Setting OVERLOAD_CLOCK_LATENESS_MS = Setting.named("AUDIO_STREAM_OVERLOAD_CLOCK_LATENESS_MS",
                    "limits.overload_clock_lateness_ms", INTEGER)
            .service().unit("ms").defaultValue(40).range(0, 1000)
            .describe("Overload guard: when 5 or more of a media-clock thread's 50 ticks start this late in each of "
                    + "two seconds in a row, new calls are refused with 503 (INVITE and OPTIONS, reason overload) "
                    + "until a second with at most one such tick, so the calls already up keep their audio. The "
                    + "default is the jitter buffer's starting delay: a tick this late is heard. 0 turns it off.");

    public static final Setting DRAIN_TIMEOUT_MS = Setting.named("AUDIO_STREAM_DRAIN_TIMEOUT_MS", "shutdown.drain_timeout_ms", INTEGER)
            .service().unit("ms").defaultValue(5000).range(0, 600_000)
            .describe("On SIGTERM, how long sessions may take to close before the rest are hung up (seed §3).");

    public static final Setting MEDIA_THREADS = Setting.named("AUDIO_STREAM_MEDIA_THREADS", "media.threads", INTEGER)
            .service().defaultValue(0).range(0, 256)
            .describe("Media clock shard threads; 0 means one per available processor.");

    public static final Setting LOG_FORMAT = Setting.named("AUDIO_STREAM_LOG_FORMAT", "log.format", choice("text", "json"))
            .service().defaultValue("text")
            .describe("text: LEVEL [uuid] COMPONENT operation outcome key=value; json: one object per line.");

    public static final Setting LOG_LEVEL = Setting.named("AUDIO_STREAM_LOG_LEVEL", "log.level",
                    choice("error", "warn", "notice", "info", "debug"))
            .service().defaultValue("info")
            .describe("Least severe level written (seed §1.3 policy).");

    public static final Setting EVENT_WEBHOOK_URL = Setting.named("AUDIO_STREAM_EVENT_WEBHOOK_URL", "events.webhook_url", TEXT)
            .service()
            .describe("Optional URL every event is POSTed to (with retry and its own breaker).");

    public static final Setting TEMP_DIR = Setting.named("AUDIO_STREAM_TEMP_DIR", "files.temp_dir", TEXT)
            .service().defaultValue(System.getProperty("java.io.tmpdir"))
            .describe("Where legacy file mode writes received audio; files are deleted at hangup.");

    private ServiceSettings() {}
}

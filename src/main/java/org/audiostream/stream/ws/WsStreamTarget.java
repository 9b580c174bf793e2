package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.ServiceSettings;
import org.audiostream.config.StreamSettings;
import org.audiostream.control.Command;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.control.CommandParser;
import org.audiostream.media.G711Law;
import org.audiostream.media.InjectListener;
import org.audiostream.observe.Component;
import org.audiostream.observe.KeyedRateLimitedLog;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.session.InjectWriter;
import org.audiostream.session.MediaSession;
import org.audiostream.session.StreamMode;
import org.audiostream.session.StreamTarget;

/**
 * WS streaming mode for one session: the session's capture and inject paths and the user's WebSocket app,
 * spoken to in the stream's dialect ({@link WsDialect}: mod_audio_stream by default, or Twilio Media Streams).
 *
 * <pre>
 * capture: MediaSession -> onCapturedFrame -> dialect capture (FrameBatcher: N x 20 ms L16; Twilio: μ-law per
 *          track) -> WsStreamClient.offerAudio -> dialect wire (binary frame; Twilio media JSON)
 * inject:  WsStreamClient.onText -> dialect decoder -> InjectWriter (downmix, resample) -> InjectBuffer
 *          marks and clears -> InjectBuffer; playout reports -> mark reports to the app (dialect wire);
 *          marks still pending at stop or hangup -> reported as cleared before the final text
 * dtmf:    MediaSession.onDtmf -> the app, if the dialect has a message for it (Twilio dtmf)
 * events:  connect, disconnect, error, json, play (mod_audio_stream::*) -> EventBus; the bodies of a
 *          dialect other than mod_audio_stream also carry "protocol" (and the connect event its stream id)
 * </pre>
 *
 * <p>What the app sends wrong (a malformed {@code streamAudio}, a rejected mark, binary audio without a rate) is
 * recoverable: a WARN at most every {@value #INPUT_ERROR_LOG_INTERVAL_SECONDS} s per kind of problem, with the
 * count held back, while every rejected message still becomes the {@code json} event the protocol requires.
 *
 * <p>Threads: {@link #onCapturedFrame} on the session's clock shard (never blocks: the client's
 * queue drops and counts); everything the app sends arrives on the client's event loop, which is
 * therefore the inject buffer's single producer; mark reports arrive on the shard and are queued
 * to the client as text.
 */
public final class WsStreamTarget implements StreamTarget, WsStreamListener, InjectListener {

    private static final Log LOG = Log.of(Component.WS_STREAM);
    /** Room for the JSON around the largest accepted base64 payload. */
    private static final int JSON_OVERHEAD_BYTES = 64 * 1024;
    /** The socket holds at most AUDIO_STREAM_MAX_QUEUE_MS of audio too, but never less than this (RTT headroom). */
    static final int MIN_SOCKET_SEND_BUFFER_BYTES = 16 * 1024;

    private final MediaSession session;
    private final String uuid;
    private final EventBus events;
    private final WsStreamClient client;
    private final WsDialect dialect;
    private final CaptureEncoder capture;
    private final InjectWriter injectWriter;
    /** The {@code "protocol"} member added to event bodies, or {@code null} for mod_audio_stream. */
    private final String protocolMember;
    /** 20 ms frames in one WebSocket message; the client counts messages. */
    private final int framesPerBatch;
    private final boolean suppressLog;
    private final Path tempDir;
    static final int INPUT_ERROR_LOG_INTERVAL_SECONDS = 5;
    private static final int INPUT_ERROR_KINDS = 16;
    private final RateLimitedLog overflowLog = new RateLimitedLog(5, TimeUnit.SECONDS);
    /** Trims are reported on the media thread: one INFO line per 10 s at most (async appender, no I/O here). */
    private final RateLimitedLog trimLog = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final KeyedRateLimitedLog inputErrorLog = new KeyedRateLimitedLog(INPUT_ERROR_LOG_INTERVAL_SECONDS,
            TimeUnit.SECONDS, INPUT_ERROR_KINDS);
    /** μ-law payloads decoded to linear; grows to the largest payload, then reused (event loop). */
    private short[] mulawPcm = new short[0];

    // Event-loop state.
    private final List<Path> files = new CopyOnWriteArrayList<>();
    /** Marks in the inject buffer not yet reported; added on the event loop, removed by the shard or close(). */
    private final Deque<String> pendingMarks = new ConcurrentLinkedDeque<>();
    private final AtomicInteger fileCounter = new AtomicInteger();
    private int lastCloseCode = 1000;
    private boolean refusedByBreaker;
    private volatile boolean stopRequested;

    private WsStreamTarget(MediaSession session, WsDialect dialect, Command.Start start, EffectiveConfig config,
                           WsClientResources resources, EventBus events) {
        this.session = session;
        this.uuid = session.uuid();
        this.events = events;
        this.dialect = dialect;
        this.capture = dialect.capture();
        this.framesPerBatch = capture.batchMillis() / 20;
        this.protocolMember = dialect.protocol() == WsProtocol.MOD_AUDIO_STREAM ? null
                : "\"protocol\":\"" + dialect.protocol().label() + "\"";
        int maxBase64 = config.intValue(StreamSettings.MAX_AUDIO_BASE64_LEN);
        this.injectWriter = new InjectWriter(session.injectBuffer());
        this.suppressLog = config.flag(StreamSettings.SUPPRESS_LOG);
        this.tempDir = Path.of(config.text(ServiceSettings.TEMP_DIR));
        int heartbeat = config.intValue(StreamSettings.HEART_BEAT);
        int queueFrames = Math.max(1, config.intValue(StreamSettings.MAX_QUEUE_MS) / capture.batchMillis());
        WsClientConfig.Builder cfg = WsClientConfig.builder(start.url())
                .sessionUuid(uuid)
                .metadata(start.metadata())
                .deflate(config.flag(StreamSettings.DEFLATE))
                .heartbeatInterval(Duration.ofSeconds(heartbeat))
                .connectTimeout(Duration.ofMillis(config.intValue(StreamSettings.CONNECT_TIMEOUT_MS)))
                .reconnectMax(config.intValue(StreamSettings.RECONNECT_MAX))
                .sendQueueFrames(queueFrames)
                .maxFrameBytes(capture.batchBytes())
                .socketSendBufferBytes(Math.max(MIN_SOCKET_SEND_BUFFER_BYTES, queueFrames * dialect.wireBytesPerBatch()))
                .maxInboundMessageBytes(maxBase64 + JSON_OVERHEAD_BYTES)
                .tls(TlsSettings.of(config.value(StreamSettings.TLS_CA_FILE).map(String.class::cast).orElse(null),
                        config.value(StreamSettings.TLS_CERT_FILE).map(v -> Path.of((String) v)).orElse(null),
                        config.value(StreamSettings.TLS_KEY_FILE).map(v -> Path.of((String) v)).orElse(null),
                        !config.flag(StreamSettings.TLS_DISABLE_HOSTNAME_VALIDATION)));
        if (heartbeat > 0) {
            cfg.pongTimeout(Duration.ofSeconds(heartbeat));
        }
        config.value(StreamSettings.EXTRA_HEADERS).ifPresent(json -> cfg.extraHeaders(ExtraHeaders.parse((String) json)));
        this.client = new WsStreamClient(cfg.build(), resources, this, dialect.wire());
    }

    /**
     * Attaches WS streaming to {@code session} in the dialect {@code start} names, else the call's
     * {@code AUDIO_STREAM_PROTOCOL}, and starts connecting. Audio flows once the upgrade completes and the
     * dialect's opening frames (mod_audio_stream: the metadata) are written.
     *
     * @throws IllegalStateException if the session is already streaming
     * @throws IllegalArgumentException if a setting cannot be applied (e.g. unreadable TLS files), or the
     *     dialect cannot carry the mix, rate or metadata
     */
    public static WsStreamTarget start(MediaSession session, Command.Start start, EffectiveConfig config,
                                       WsClientResources resources, EventBus events) {
        WsProtocol protocol = start.protocol() != null ? start.protocol()
                : WsProtocol.parse(config.text(StreamSettings.PROTOCOL));
        int rate = streamRate(protocol, start.sampleRate(), config.intValue(StreamSettings.SAMPLING));
        WsDialect dialect = WsDialect.create(protocol, session.uuid(), start.mix(), rate, start.metadata(), config);
        WsStreamTarget target = new WsStreamTarget(session, dialect, start, config, resources, events);
        session.startStreaming(StreamMode.WS, start.mix(), rate, target, target, session.injectSettings().minBufferMs());
        LOG.notice(target.uuid, "stream_start", "ok", "url", start.url(), "protocol", protocol.label(), "mix",
                start.mix().apiName(), "rate", rate, "batch_ms", dialect.capture().batchMillis());
        target.client.connect();
        return target;
    }

    /** The rate {@code start} gave, else the dialect's only rate, else the call's {@code AUDIO_STREAM_SAMPLING}. */
    private static int streamRate(WsProtocol protocol, int given, int configured) {
        int fixed = protocol.fixedRate();
        if (given == CommandParser.RATE_NOT_GIVEN) {
            return fixed != 0 ? fixed : configured;
        }
        if (fixed != 0 && given != fixed) {
            throw new IllegalArgumentException("the " + protocol.label() + " protocol streams at " + fixed
                    + " Hz only; rate=" + given + " refused");
        }
        return given;
    }

    /** The stream's dialect. */
    public WsProtocol protocol() {
        return dialect.protocol();
    }

    public WsStreamClient client() {
        return client;
    }

    /** {@code send_text}: false if not connected (dropped, as the module does). */
    public boolean sendText(String text) {
        return client.sendText(text);
    }

    // ---- capture (clock shard) ----

    @Override
    public void onCapturedFrame(short[] pcm, int samples, long nowNanos) {
        if (capture.add(pcm, 0)) {
            client.offerAudio(capture.buffer(), 0, capture.length());
            capture.clear();
        }
    }

    @Override
    public void onDtmf(char digit, int durationMs) {
        client.sendDtmf(digit);
    }

    @Override
    public long framesDropped() {
        return client.stats().framesDroppedQueueFull() * framesPerBatch;
    }

    @Override
    public long framesUndelivered() {
        return client.stats().framesDroppedNotConnected() * framesPerBatch;
    }

    @Override
    public boolean connected() {
        return client.state() == WsStreamClient.State.OPEN;
    }

    @Override
    public void close(String finalText) {
        stopRequested = true;
        // the session detaches us before the inject buffer reports what stop or hangup dropped: report the
        // marks still pending as cleared ourselves, ahead of the final text (same event loop, in order)
        for (String name = pendingMarks.pollFirst(); name != null; name = pendingMarks.pollFirst()) {
            client.sendMark(name, EventBodies.MarkEvent.CLEARED);
        }
        client.stop(finalText);
    }

    // ---- the app's side (client event loop) ----

    @Override
    public void onConnected() {
        LOG.notice(uuid, "connect", "ok", "url", client.url(), "protocol", dialect.protocol().label());
        String body = dialect.streamId() == null ? EventBodies.CONNECTED
                : EventBodies.withMember(EventBodies.CONNECTED, "\"streamId\":\"" + dialect.streamId() + "\"");
        events.publish(Event.json(EventBodies.CONNECT, uuid, tagged(body)));
    }

    @Override
    public void onDisconnected(int code, String reason) {
        lastCloseCode = code;
        LOG.notice(uuid, "disconnect", code == 1000 ? "ok" : "abnormal", "code", code, "reason", reason);
        events.publish(Event.json(EventBodies.DISCONNECT, uuid, tagged(EventBodies.disconnected(code, reason))));
    }

    @Override
    public void onError(int code, String error) {
        lastCloseCode = -1;
        refusedByBreaker = code == WsErrorCode.CIRCUIT_OPEN.code();
        if (!refusedByBreaker) {   // the breaker logs refusals, rate-limited per target
            LOG.error(uuid, "connection", "failed", "code", code, "error", error, "url", client.url());
        }
        events.publish(Event.json(EventBodies.ERROR, uuid, tagged(EventBodies.error(code, error))));
    }

    @Override
    public void onReconnecting(int attempt, long delayMs) {
        LOG.notice(uuid, "reconnect", "scheduled", "attempt", attempt, "delay_ms", delayMs, "url", client.url());
    }

    @Override
    public void onClosed() {
        if (!stopRequested && lastCloseCode != 1000) {
            if (!refusedByBreaker) {
                LOG.error(uuid, "stream", "ended", "reason", "reconnects exhausted", "url", client.url());
            }
            session.markError();
        }
        deleteFiles();
    }

    @Override
    public void onText(String text) {
        if (!suppressLog && LOG.isDebugEnabled()) {
            LOG.debug(uuid, "response", "received", "bytes", text.length());
        }
        switch (dialect.decoder().decode(text)) {
            case StreamAudioMessage.Audio a -> inject(a);
            case StreamAudioMessage.MulawAudio m -> injectMulaw(m.ulaw());
            case StreamAudioMessage.Clear c -> {
                long dropped = session.injectBuffer().clear();
                LOG.info(uuid, "inject_clear", "ok", "via", c.via(), "dropped_samples", dropped);
                events.publish(Event.json(EventBodies.PLAY, uuid, tagged(EventBodies.PLAY_CLEARED)));
            }
            case StreamAudioMessage.Mark m -> mark(m.name());
            case StreamAudioMessage.ClearMarks cm -> LOG.info(uuid, "clear_marks", "ignored",
                    "reason", "marks are always reported as played or cleared");
            case StreamAudioMessage.FileAudio f -> writeFile(f);
            case StreamAudioMessage.Json j -> events.publish(Event.text(EventBodies.JSON, uuid, j.text()));
            case StreamAudioMessage.Rejected r -> {
                String kind = kindOf(r.reason());
                long suppressed = inputErrorLog.tryAcquire(kind, System.nanoTime());
                if (suppressed >= 0) {
                    LOG.warn(uuid, "stream_audio", "rejected", "kind", kind, "reason", r.reason(), "protocol",
                            dialect.protocol().label(), "suppressed", suppressed);
                }
                events.publish(Event.text(EventBodies.JSON, uuid, r.originalText()));
            }
        }
    }

    @Override
    public void onBinary(ByteBuf data) {
        if (dialect.binaryInjectRate() == 0) {
            long suppressed = inputErrorLog.tryAcquire("binary_audio", System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "binary_audio", "ignored", "bytes", data.readableBytes(), "suppressed", suppressed,
                        "hint", dialect.binaryHint());
            }
            return;
        }
        byte[] pcm = ByteBufUtil.getBytes(data);
        injectWriter.writeL16(pcm, 0, pcm.length & ~1, dialect.binaryInjectRate(), 1, System.nanoTime());
    }

    private void inject(StreamAudioMessage.Audio a) {
        int samples = injectWriter.writeL16(a.pcm(), 0, a.pcm().length, a.sampleRate(), a.channels(), System.nanoTime());
        if (a.trimmedBytes() > 0) {
            long suppressed = inputErrorLog.tryAcquire("trimmed", System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "stream_audio", "trimmed", "bytes", a.trimmedBytes(), "reason", "not whole sample frames",
                        "suppressed", suppressed);
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(uuid, "inject_queued", "ok", "decoded_bytes", a.pcm().length, "in_sr", a.sampleRate(),
                    "in_ch", a.channels(), "queued_samples", samples, "inuse_after", session.injectBuffer().inUseSamples());
        }
        if (events.hasSubscribers()) {   // one per audio message: not even built when nobody listens
            events.publish(Event.json(EventBodies.PLAY, uuid, EventBodies.playInjected(a.dataJson(), a.pcm().length)));
        }
    }

    private void injectMulaw(byte[] ulaw) {
        if (mulawPcm.length < ulaw.length) {
            mulawPcm = new short[ulaw.length];
        }
        G711Law.PCMU.decode(ulaw, 0, mulawPcm, 0, ulaw.length);
        int samples = injectWriter.writeMono(mulawPcm, ulaw.length, G711Law.SAMPLE_RATE, System.nanoTime());
        if (LOG.isDebugEnabled()) {
            LOG.debug(uuid, "inject_queued", "ok", "decoded_bytes", ulaw.length, "in_sr", G711Law.SAMPLE_RATE,
                    "queued_samples", samples, "inuse_after", session.injectBuffer().inUseSamples());
        }
        if (events.hasSubscribers()) {
            events.publish(Event.json(EventBodies.PLAY, uuid, tagged(EventBodies.playInjected("{}", ulaw.length))));
        }
    }

    /** {@code body} with the dialect's {@code "protocol"} member, unless the dialect is mod_audio_stream. */
    private String tagged(String body) {
        return protocolMember == null ? body : EventBodies.withMember(body, protocolMember);
    }

    private void mark(String name) {
        pendingMarks.addLast(name);   // before the buffer has it: the shard may report it at once
        try {
            session.injectBuffer().mark(name);
        } catch (IllegalStateException tooMany) {
            pendingMarks.removeLastOccurrence(name);
            long suppressed = inputErrorLog.tryAcquire("mark", System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "mark", "rejected", "name", name, "reason", tooMany.getMessage(), "suppressed", suppressed);
            }
            client.sendMark(name, EventBodies.MarkEvent.CLEARED);
        }
    }

    /** The kind of a rejection, for rate limiting: the field it names first, e.g. {@code sampleRate}. */
    static String kindOf(String reason) {
        int end = 0;
        while (end < reason.length() && end < 32 && (Character.isLetterOrDigit(reason.charAt(end)) || reason.charAt(end) == '_')) {
            end++;
        }
        return end == 0 ? "other" : reason.substring(0, end);
    }

    private void writeFile(StreamAudioMessage.FileAudio f) {
        Path file = tempDir.resolve(uuid + "_" + fileCounter.getAndIncrement() + ".tmp" + f.fileSuffix());
        try {
            Files.write(file, f.data());
        } catch (IOException e) {
            LOG.error(uuid, "file_write", "failed", "file", file, "error", e.toString());
            events.publish(Event.text(EventBodies.JSON, uuid, "{\"error\":\"file write failed\"}"));
            return;
        }
        files.add(file);
        events.publish(Event.json(EventBodies.PLAY, uuid, EventBodies.playFile(f.dataJson(), file.toString())));
    }

    private void deleteFiles() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn(uuid, "file_delete", "failed", "file", f, "error", e.toString());
            }
        }
        files.clear();
    }

    // ---- inject buffer reports (clock shard / producer) ----

    @Override
    public void onMarkPlayed(String name) {
        if (pendingMarks.removeFirstOccurrence(name)) {   // else close() reported it already
            client.sendMark(name, EventBodies.MarkEvent.PLAYOUT);
        }
    }

    @Override
    public void onMarkCleared(String name) {
        if (pendingMarks.removeFirstOccurrence(name)) {
            client.sendMark(name, EventBodies.MarkEvent.CLEARED);
        }
    }

    @Override
    public void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) {
        long suppressed = overflowLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(uuid, "buffer_overflow", "backlog_reset", "overflows", overflowsInWindow,
                    "window_ms", TimeUnit.NANOSECONDS.toMillis(windowNanos), "dropped_samples", droppedSamples,
                    "suppressed", suppressed);
        }
        events.publish(Event.json("mod_audio_stream::inject_overflow", uuid, tagged("{\"overflows\":"
                + overflowsInWindow + ",\"window_ms\":" + TimeUnit.NANOSECONDS.toMillis(windowNanos)
                + ",\"dropped_samples\":" + droppedSamples + "}")));
    }

    /** Media thread: a standing backlog this app's audio built up was cut back (see InjectBuffer). */
    @Override
    public void onBacklogTrimmed(long standingSamples, long droppedSamples) {
        long suppressed = trimLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            int rate = session.injectBuffer().sampleRate();
            LOG.info(uuid, "inject_backlog", "trimmed", "standing_ms", 1000 * standingSamples / rate,
                    "dropped_ms", 1000 * droppedSamples / rate, "suppressed", suppressed);
        }
    }
}

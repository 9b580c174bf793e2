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
import org.audiostream.control.Event;
import org.audiostream.control.EventBus;
import org.audiostream.media.InjectListener;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.session.InjectWriter;
import org.audiostream.session.MediaSession;
import org.audiostream.session.StreamMode;
import org.audiostream.session.StreamTarget;

/**
 * WS streaming mode for one session: the mod_audio_stream protocol between the session's capture
 * and inject paths and the user's WebSocket app.
 *
 * <pre>
 * capture: MediaSession -> onCapturedFrame -> FrameBatcher (N x 20 ms, L16 LE) -> WsStreamClient.offerAudio
 * inject:  WsStreamClient.onText -> StreamAudioDecoder -> InjectWriter (downmix, resample) -> InjectBuffer
 *          marks and clears -> InjectBuffer; playout reports -> mark acknowledgements to the app;
 *          marks still pending at stop or hangup -> acknowledged as cleared before the final text
 * events:  connect, disconnect, error, json, play (mod_audio_stream::*) -> EventBus
 * </pre>
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
    private final FrameBatcher batcher;
    private final StreamAudioDecoder decoder;
    private final InjectWriter injectWriter;
    private final int inboundRate;
    /** 20 ms frames in one WebSocket message ({@code AUDIO_STREAM_RTP_PACKETS}); the client counts messages. */
    private final int framesPerBatch;
    private final boolean suppressLog;
    private final Path tempDir;
    private final RateLimitedLog overflowLog = new RateLimitedLog(5, TimeUnit.SECONDS);
    private final RateLimitedLog binaryLog = new RateLimitedLog(5, TimeUnit.SECONDS);
    private final RateLimitedLog markLog = new RateLimitedLog(5, TimeUnit.SECONDS);

    // Event-loop state.
    private final List<Path> files = new CopyOnWriteArrayList<>();
    /** Marks in the inject buffer not yet reported; added on the event loop, removed by the shard or close(). */
    private final Deque<String> pendingMarks = new ConcurrentLinkedDeque<>();
    private final AtomicInteger fileCounter = new AtomicInteger();
    private int lastCloseCode = 1000;
    private volatile boolean stopRequested;

    private WsStreamTarget(MediaSession session, Command.Start start, EffectiveConfig config, WsClientResources resources,
                           EventBus events) {
        this.session = session;
        this.uuid = session.uuid();
        this.events = events;
        int rtpPackets = config.intValue(StreamSettings.RTP_PACKETS);
        this.framesPerBatch = rtpPackets;
        this.batcher = new FrameBatcher(start.sampleRate(), start.mix().channels(), rtpPackets);
        int maxBase64 = config.intValue(StreamSettings.MAX_AUDIO_BASE64_LEN);
        this.decoder = new StreamAudioDecoder(maxBase64, config.flag(StreamSettings.FILE_MODE));
        this.injectWriter = new InjectWriter(session.injectBuffer());
        this.inboundRate = config.intValue(StreamSettings.INBOUND_SAMPLE_RATE);
        this.suppressLog = config.flag(StreamSettings.SUPPRESS_LOG);
        this.tempDir = Path.of(config.text(ServiceSettings.TEMP_DIR));
        int heartbeat = config.intValue(StreamSettings.HEART_BEAT);
        int queueFrames = Math.max(1, config.intValue(StreamSettings.MAX_QUEUE_MS) / (20 * rtpPackets));
        WsClientConfig.Builder cfg = WsClientConfig.builder(start.url())
                .sessionUuid(uuid)
                .metadata(start.metadata())
                .deflate(config.flag(StreamSettings.DEFLATE))
                .heartbeatInterval(Duration.ofSeconds(heartbeat))
                .connectTimeout(Duration.ofMillis(config.intValue(StreamSettings.CONNECT_TIMEOUT_MS)))
                .reconnectMax(config.intValue(StreamSettings.RECONNECT_MAX))
                .sendQueueFrames(queueFrames)
                .maxFrameBytes(batcher.batchBytes())
                .socketSendBufferBytes(Math.max(MIN_SOCKET_SEND_BUFFER_BYTES, queueFrames * batcher.batchBytes()))
                .maxInboundMessageBytes(maxBase64 + JSON_OVERHEAD_BYTES)
                .tls(TlsSettings.of(config.value(StreamSettings.TLS_CA_FILE).map(String.class::cast).orElse(null),
                        config.value(StreamSettings.TLS_CERT_FILE).map(v -> Path.of((String) v)).orElse(null),
                        config.value(StreamSettings.TLS_KEY_FILE).map(v -> Path.of((String) v)).orElse(null),
                        !config.flag(StreamSettings.TLS_DISABLE_HOSTNAME_VALIDATION)));
        if (heartbeat > 0) {
            cfg.pongTimeout(Duration.ofSeconds(heartbeat));
        }
        config.value(StreamSettings.EXTRA_HEADERS).ifPresent(json -> cfg.extraHeaders(ExtraHeaders.parse((String) json)));
        this.client = new WsStreamClient(cfg.build(), resources, this);
    }

    /**
     * Attaches WS streaming to {@code session} and starts connecting. Audio flows once the
     * upgrade completes and the metadata is written.
     *
     * @throws IllegalStateException if the session is already streaming
     * @throws IllegalArgumentException if a setting cannot be applied (e.g. unreadable TLS files)
     */
    public static WsStreamTarget start(MediaSession session, Command.Start start, EffectiveConfig config,
                                       WsClientResources resources, EventBus events) {
        WsStreamTarget target = new WsStreamTarget(session, start, config, resources, events);
        session.startStreaming(StreamMode.WS, start.mix(), start.sampleRate(), target, target);
        LOG.notice(target.uuid, "stream_start", "ok", "url", start.url(), "mix", start.mix().apiName(),
                "rate", start.sampleRate(), "rtp_packets", target.batcher.batchBytes() / (2 * target.batcher.frameSamples()));
        target.client.connect();
        return target;
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
        if (batcher.add(pcm, 0)) {
            client.offerAudio(batcher.buffer(), 0, batcher.length());
            batcher.clear();
        }
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
            client.sendText(EventBodies.markAck(name, EventBodies.MarkEvent.CLEARED));
        }
        client.stop(finalText);
    }

    // ---- the app's side (client event loop) ----

    @Override
    public void onConnected() {
        LOG.notice(uuid, "connect", "ok", "url", client.url());
        events.publish(Event.json(EventBodies.CONNECT, uuid, EventBodies.CONNECTED));
    }

    @Override
    public void onDisconnected(int code, String reason) {
        lastCloseCode = code;
        LOG.notice(uuid, "disconnect", code == 1000 ? "ok" : "abnormal", "code", code, "reason", reason);
        events.publish(Event.json(EventBodies.DISCONNECT, uuid, EventBodies.disconnected(code, reason)));
    }

    @Override
    public void onError(int code, String error) {
        lastCloseCode = -1;
        LOG.error(uuid, "connection", "failed", "code", code, "error", error, "url", client.url());
        events.publish(Event.json(EventBodies.ERROR, uuid, EventBodies.error(code, error)));
    }

    @Override
    public void onReconnecting(int attempt, long delayMs) {
        LOG.warn(uuid, "reconnect", "scheduled", "attempt", attempt, "delay_ms", delayMs, "url", client.url());
    }

    @Override
    public void onClosed() {
        if (!stopRequested && lastCloseCode != 1000) {
            LOG.error(uuid, "stream", "ended", "reason", "reconnects exhausted or refused", "url", client.url());
            session.markError();
        }
        deleteFiles();
    }

    @Override
    public void onText(String text) {
        if (!suppressLog && LOG.isDebugEnabled()) {
            LOG.debug(uuid, "response", "received", "bytes", text.length());
        }
        switch (decoder.decode(text)) {
            case StreamAudioMessage.Audio a -> inject(a);
            case StreamAudioMessage.Clear c -> {
                long dropped = session.injectBuffer().clear();
                LOG.info(uuid, "inject_clear", "ok", "via", c.via(), "dropped_samples", dropped);
                events.publish(Event.json(EventBodies.PLAY, uuid, EventBodies.PLAY_CLEARED));
            }
            case StreamAudioMessage.Mark m -> mark(m.name());
            case StreamAudioMessage.ClearMarks cm -> LOG.info(uuid, "clear_marks", "ignored",
                    "reason", "marks are always reported as played or cleared");
            case StreamAudioMessage.FileAudio f -> writeFile(f);
            case StreamAudioMessage.Json j -> events.publish(Event.text(EventBodies.JSON, uuid, j.text()));
            case StreamAudioMessage.Rejected r -> {
                LOG.error(uuid, "stream_audio", "rejected", "reason", r.reason());
                events.publish(Event.text(EventBodies.JSON, uuid, r.originalText()));
            }
        }
    }

    @Override
    public void onBinary(ByteBuf data) {
        if (inboundRate == 0) {
            long suppressed = binaryLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "binary_audio", "ignored", "bytes", data.readableBytes(), "suppressed", suppressed,
                        "hint", "set AUDIO_STREAM_INBOUND_SAMPLE_RATE to inject raw binary frames");
            }
            return;
        }
        byte[] pcm = ByteBufUtil.getBytes(data);
        injectWriter.writeL16(pcm, 0, pcm.length & ~1, inboundRate, 1, System.nanoTime());
    }

    private void inject(StreamAudioMessage.Audio a) {
        int samples = injectWriter.writeL16(a.pcm(), 0, a.pcm().length, a.sampleRate(), a.channels(), System.nanoTime());
        if (a.trimmedBytes() > 0) {
            LOG.warn(uuid, "stream_audio", "trimmed", "bytes", a.trimmedBytes(), "reason", "not whole sample frames");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(uuid, "inject_queued", "ok", "decoded_bytes", a.pcm().length, "in_sr", a.sampleRate(),
                    "in_ch", a.channels(), "queued_samples", samples, "inuse_after", session.injectBuffer().inUseSamples());
        }
        events.publish(Event.json(EventBodies.PLAY, uuid, EventBodies.playInjected(a.dataJson(), a.pcm().length)));
    }

    private void mark(String name) {
        pendingMarks.addLast(name);   // before the buffer has it: the shard may report it at once
        try {
            session.injectBuffer().mark(name);
        } catch (IllegalStateException tooMany) {
            pendingMarks.removeLastOccurrence(name);
            long suppressed = markLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "mark", "rejected", "name", name, "reason", tooMany.getMessage(), "suppressed", suppressed);
            }
            client.sendText(EventBodies.markAck(name, EventBodies.MarkEvent.CLEARED));
        }
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
            client.sendText(EventBodies.markAck(name, EventBodies.MarkEvent.PLAYOUT));
        }
    }

    @Override
    public void onMarkCleared(String name) {
        if (pendingMarks.removeFirstOccurrence(name)) {
            client.sendText(EventBodies.markAck(name, EventBodies.MarkEvent.CLEARED));
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
        events.publish(Event.json("mod_audio_stream::inject_overflow", uuid, "{\"overflows\":" + overflowsInWindow
                + ",\"window_ms\":" + TimeUnit.NANOSECONDS.toMillis(windowNanos) + ",\"dropped_samples\":"
                + droppedSamples + "}"));
    }
}

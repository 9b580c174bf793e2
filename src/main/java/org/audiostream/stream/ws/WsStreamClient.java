package org.audiostream.stream.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * One session's WebSocket stream to its target: the connection, its send queue, server messages, reconnects
 * and the target's circuit breaker. What the frames hold is the dialect's {@link WireEncoder}: by default the
 * mod_audio_stream protocol (metadata text frame first, then binary L16 frames).
 *
 * <p><b>Opening frames first, by construction.</b> {@link #offerAudio} accepts frames only after the upgrade
 * completed and the dialect's opening frames (mod_audio_stream: the metadata) were written on the event loop;
 * anything offered earlier, or while disconnected, is dropped and counted (no pre-connect buffer, as in the
 * module). Frames left in the queue when a connection ends are discarded before the next opening is written.
 *
 * <p><b>Reconnect.</b> After a failed attempt or a lost connection, up to {@code reconnectMax} consecutive
 * attempts follow with jittered exponential back-off; the budget refills once a connection has stayed up for
 * {@code reconnectResetAfter}. Never after {@link #stop} or a server close code that
 * {@code reconnectAfterClose} refuses (by default only 1000). The metadata is
 * sent again on every reconnect (the server sees a new "call start"; mod_audio_stream's IXWebSocket era did
 * the same, issue #82), and so is every dialect's opening. Every attempt first asks the target's {@link TargetBreaker}; an attempt the breaker
 * refuses ends the stream at once (retrying before its cooldown cannot succeed), unless
 * {@code retryThroughOpenBreaker}: then it takes one attempt of the budget and the next one waits its back-off.
 *
 * <p><b>Errors.</b> A failed attempt that a retry follows is logged (WARN) but reported to the listener only
 * when the stream gives up: one {@code onError} per stream end, with the last failure, as mod_audio_stream apps
 * expect (they retry {@code start} on the error event).
 *
 * <p><b>Send queue.</b> {@link #offerAudio} copies into a bounded SPSC queue and never waits: when the queue
 * is full (the socket stopped being writable) it drops and counts. The event loop drains while the channel is
 * writable, with one flush per drain. {@code socketSendBufferBytes} bounds what the socket holds beyond the
 * queue, so that a server that stops reading shows up as drops within seconds instead of as growing delay.
 *
 * <p><b>Logging.</b> The listener reports connects, disconnects and errors (the session layer logs them at
 * NOTICE/ERROR), so this class logs those details at DEBUG only. A listener that throws is logged at most once
 * per {@value #LISTENER_FAILURE_LOG_INTERVAL_SECONDS} s, since it may throw on every message.
 *
 * <p>Threads: {@link #offerAudio} from the owning clock shard (one producer); {@link #connect},
 * {@link #sendText}, {@link #sendMark}, {@link #sendDtmf}, {@link #stop}, {@link #stats} from any thread;
 * everything else, every listener call and every {@link WireEncoder} call, on the client's event loop.
 */
public final class WsStreamClient {

    private static final Log LOG = Log.of(Component.WS_STREAM);
    static final int LISTENER_FAILURE_LOG_INTERVAL_SECONDS = 5;

    /** Where the client is in its life. */
    public enum State {
        IDLE, CONNECTING, OPEN, RECONNECT_WAIT, CLOSING, CLOSED
    }

    private final WsClientConfig config;
    private final WsClientResources resources;
    private final WsStreamListener listener;
    private final WireEncoder wire;
    private final EventLoop loop;
    /** Where the drain task is parked until the next tick's wake-up; null: it is scheduled frame by frame. */
    private final LoopDrainBatch drainBatch;
    private final TargetBreaker breaker;
    private final WsSendQueue queue;
    private final WsStreamCounters counters;
    private final Runnable drainTask = this::drain;
    private final ChannelSink sink = new ChannelSink();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Promise<Void> closed;
    private final ReconnectBudget reconnects;
    private final RateLimitedLog listenerFailureLog = new RateLimitedLog(LISTENER_FAILURE_LOG_INTERVAL_SECONDS,
            TimeUnit.SECONDS);

    // written on the event loop, read by any thread
    private volatile boolean audioOpen;
    private volatile State state = State.IDLE;

    // event-loop confined
    private int generation;
    private Channel channel;
    private TargetBreaker.Permit permit;
    private ScheduledFuture<?> attemptDeadline;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> closeTimer;
    private long openedAtNanos;
    private boolean stopRequested;
    private WsFailure connectionError;
    /** Why the last attempt or connection failed; reported if the stream gives up. Cleared by a connect. */
    private WsFailure lastFailure;
    private int serverCloseCode = -1;
    private String serverCloseReason;
    private boolean closeSent;

    /**
     * Creates an idle client of the mod_audio_stream dialect (its metadata from {@code config}); nothing
     * happens until {@link #connect()}.
     */
    public WsStreamClient(WsClientConfig config, WsClientResources resources, WsStreamListener listener) {
        this(config, resources, listener, new ModAudioStreamWire(config.metadata()));
    }

    /**
     * Creates an idle client that speaks {@code wire}'s dialect; nothing happens until {@link #connect()}.
     */
    public WsStreamClient(WsClientConfig config, WsClientResources resources, WsStreamListener listener,
                          WireEncoder wire) {
        this(config, resources, listener, wire, resources.group().next());
    }

    /**
     * As {@link #WsStreamClient(WsClientConfig, WsClientResources, WsStreamListener, WireEncoder)}, on {@code loop},
     * one of {@code resources}' event loops: an owner that keeps several clients (one replacing another) pins them
     * to one loop so that their callbacks never race.
     */
    public WsStreamClient(WsClientConfig config, WsClientResources resources, WsStreamListener listener,
                          WireEncoder wire, EventLoop loop) {
        this.config = Objects.requireNonNull(config, "config");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.drainBatch = resources.wakeups().batchFor(loop);
        this.counters = new WsStreamCounters(resources.totals());
        this.breaker = resources.breakers().forUrl(config.url());
        this.queue = new WsSendQueue(config.sendQueueFrames(), config.maxFrameBytes());
        this.closed = loop.newPromise();
        this.reconnects = new ReconnectBudget(config.reconnectMax(), config.reconnectBackoff(),
                config.reconnectResetAfter().toNanos());
    }

    /** The target. */
    public WsUrl url() {
        return config.url();
    }

    /** The current state (a snapshot). */
    public State state() {
        return state;
    }

    /** Counters snapshot. */
    public WsStreamStats stats() {
        return counters.snapshot();
    }

    /** Completes after {@link WsStreamListener#onClosed()} has been called. */
    public Future<Void> closeFuture() {
        return closed;
    }

    /** Starts the first connection attempt. Calls after the first are ignored. */
    public void connect() {
        execute(() -> {
            if (state == State.IDLE && !stopRequested) {
                startAttempt();
            }
        });
    }

    /**
     * Hands one audio frame to the event loop without waiting. The bytes are copied before return.
     *
     * @return {@code false} if the frame was dropped (not connected yet, or queue full); counted either way
     * @throws IllegalArgumentException if {@code length > maxFrameBytes} (a wiring bug, not bad input)
     */
    public boolean offerAudio(byte[] pcm, int offset, int length) {
        counters.framesOffered.incrementAndGet();
        if (!audioOpen) {
            counters.framesDroppedNotConnected.incrementAndGet();
            return false;
        }
        if (!queue.offer(pcm, offset, length)) {
            counters.framesDroppedQueueFull.incrementAndGet();
            return false;
        }
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            if (drainBatch != null) {
                drainBatch.offer(drainTask);
            } else {
                execute(drainTask);
            }
        }
        return true;
    }

    /**
     * Sends a text frame ({@code send_text}) as given, after the audio already queued.
     *
     * @return {@code false} if not connected (the text is dropped and counted, as in the module)
     */
    public boolean sendText(String text) {
        Objects.requireNonNull(text, "text");
        return sendControl(out -> out.write(new TextWebSocketFrame(text)));
    }

    /**
     * Tells the app, in its dialect and after the audio already queued, that a mark has played out or was
     * cleared.
     *
     * @return {@code false} if not connected (dropped and counted as a text)
     */
    public boolean sendMark(String name, EventBodies.MarkEvent event) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(event, "event");
        return sendControl(out -> wire.mark(name, event, out));
    }

    /**
     * Tells the app, in its dialect, about a DTMF digit; nothing if the dialect has no such message.
     *
     * @return {@code false} if the dialect has no DTMF message or the client is not connected (then counted
     *     as a dropped text)
     */
    public boolean sendDtmf(char digit) {
        return wire.carriesDtmf() && sendControl(out -> wire.dtmf(digit, out));
    }

    /**
     * Ends the stream: when open, sends the queued audio the socket takes (the rest is discarded and counted),
     * then {@code finalTextOrNull} as a text frame, then a close frame 1000 "Normal closure", and waits up to
     * {@code closeTimeout} for the server's close. No reconnect follows. Idempotent.
     */
    public void stop(String finalTextOrNull) {
        execute(() -> onStop(finalTextOrNull));
    }

    // ---- event loop ----

    private void startAttempt() {
        reconnectTimer = null;
        if (stopRequested) {
            finish();
            return;
        }
        TargetBreaker.Permit p = breaker.tryAcquire();
        if (p == TargetBreaker.Permit.REFUSED) {
            counters.breakerRefusal();
            breaker.logRefusal(config.sessionUuid());
            WsFailure refusal = new WsFailure(WsErrorCode.CIRCUIT_OPEN, breaker.refusalMessage());
            if (config.retryThroughOpenBreaker()) {
                lastFailure = refusal;
                call(() -> listener.onAttemptFailed(refusal.code().code(), refusal.getMessage()), "onAttemptFailed");
                reconnectOrFinish();
            } else {
                report(refusal);
                finish();
            }
            return;
        }
        SslContext ssl = null;
        if (config.url().secure()) {
            try {
                ssl = resources.tlsContexts().get(config.tls());
            } catch (WsTlsContexts.WsTlsSetupException e) {
                breaker.release(p); // our configuration, not the target, failed
                report(new WsFailure(WsErrorCode.TLS_INIT_FAILED, e.getMessage()));
                finish(); // retrying cannot fix a local file
                return;
            }
        }
        permit = p;
        int gen = ++generation;
        connectionError = null;
        serverCloseCode = -1;
        serverCloseReason = null;
        closeSent = false;
        state = State.CONNECTING;
        counters.connectAttempt();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(resources.channelType())
                .resolver(resources.resolver())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new WsClientInitializer(config, ssl, this, counters, gen));
        int sendBuffer = config.socketSendBufferBytes();
        if (sendBuffer > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, sendBuffer)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(sendBuffer / 2, sendBuffer));
        }
        ChannelFuture connected = bootstrap.connect(config.url().socketHost(), config.url().port());
        channel = connected.channel();
        attemptDeadline = loop.schedule(() -> {
            if (gen == generation && state == State.CONNECTING) {
                attemptFailed(new WsFailure(WsErrorCode.TIMEOUT, "WS connect timed out after "
                        + config.connectTimeout().toMillis() + " ms"));
            }
        }, config.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        connected.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                onChannelError(gen, f.cause());
            }
        });
    }

    void onHandshakeComplete(int gen) {
        if (gen != generation || state != State.CONNECTING) {
            return;
        }
        cancel(attemptDeadline);
        breaker.onSuccess(permit);
        permit = null;
        lastFailure = null;
        counters.connected();
        counters.framesDiscarded.addAndGet(queue.clear()); // offered in the gap before this connection
        sink.reset();
        wire.open(sink);
        channel.flush();
        state = State.OPEN;
        openedAtNanos = resources.nanoClock().getAsLong();
        audioOpen = true; // only now may audio follow the opening frames
        LOG.debug(config.sessionUuid(), "connect", "ok", "url", config.url(), "metadata_chars",
                config.metadata() == null ? 0 : config.metadata().length(), "reconnect", reconnects.used());
        call(listener::onConnected, "onConnected");
        drain();
    }

    void onServerText(int gen, String text) {
        if (gen == generation) {
            counters.messagesReceived.incrementAndGet();
            call(() -> listener.onText(text), "onText");
        }
    }

    void onServerBinary(int gen, ByteBuf data) {
        if (gen == generation) {
            counters.messagesReceived.incrementAndGet();
            call(() -> listener.onBinary(data), "onBinary");
        }
    }

    void onServerClose(int gen, int code, String reason) {
        if (gen != generation || channel == null) {
            return;
        }
        serverCloseCode = code < 0 ? 1005 : code; // RFC 6455 §7.1.5: no status code present
        serverCloseReason = code < 0 ? "No status received" : reason;
        audioOpen = false;
        state = State.CLOSING; // no more audio or text after the close frame (RFC 6455 §5.5.1)
        if (closeSent) {
            channel.close();
        } else {
            closeSent = true;
            // RFC 6455 §5.5.1: answer with a close frame, echoing the status code
            CloseWebSocketFrame echo = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
            channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
        }
    }

    void onWritable(int gen) {
        if (gen == generation) {
            drain();
        }
    }

    void onChannelError(int gen, Throwable cause) {
        if (gen != generation) {
            return;
        }
        WsFailure failure = WsFailure.from(cause);
        if (state == State.CLOSING) {
            // our close handshake is under way; a peer that stopped reading makes it time out, which is expected
            LOG.debug(config.sessionUuid(), "close_error", "ignored", "url", config.url(), "error", failure.getMessage());
            channel.close();
            return;
        }
        if (state == State.CONNECTING) {
            attemptFailed(failure);
            return;
        }
        if (connectionError == null) {
            connectionError = failure;
        }
        if (channel != null) {
            channel.close();
        }
    }

    void onChannelInactive(int gen) {
        if (gen != generation) {
            return;
        }
        if (state == State.CONNECTING) {
            attemptFailed(new WsFailure(WsErrorCode.IO, "WS connection closed before the upgrade completed"));
            return;
        }
        int code;
        String reason;
        if (serverCloseCode >= 0) {
            code = serverCloseCode;
            reason = serverCloseReason;
        } else if (closeSent) {
            code = 1000;
            reason = "Normal closure";
        } else {
            code = 1006; // RFC 6455 §7.1.5: closed abnormally, no close frame
            reason = connectionError != null ? connectionError.getMessage() : "connection lost without a close frame";
        }
        long openNanos = resources.nanoClock().getAsLong() - openedAtNanos;
        endConnection();
        LOG.debug(config.sessionUuid(), "disconnect", code == 1000 ? "ok" : "abnormal", "url", config.url(), "code", code,
                "reason", reason, "stop_requested", stopRequested);
        if (connectionError != null) {
            lastFailure = connectionError;
        } else if (code != 1000) {
            lastFailure = new WsFailure(WsErrorCode.IO, "connection closed: code=" + code + " reason=" + reason);
        }
        call(() -> listener.onDisconnected(code, reason), "onDisconnected");
        if (stopRequested || (serverCloseCode >= 0 && !config.reconnectAfterClose().test(serverCloseCode))) {
            finish();
            return;
        }
        reconnects.connectionEnded(openNanos);
        reconnectOrFinish();
    }

    private void onStop(String finalText) {
        if (stopRequested || state == State.CLOSED) {
            return;
        }
        stopRequested = true;
        switch (state) {
            case OPEN -> {
                drain();
                audioOpen = false;
                // CLOSING before the writes below: flushing them may make the channel writable again, and the
                // re-entrant drain() must not write audio after the close frame (Netty fails such writes)
                state = State.CLOSING;
                closeSent = true;
                counters.framesDiscarded.addAndGet(queue.clear());
                if (finalText != null) {
                    channel.write(new TextWebSocketFrame(finalText), channel.voidPromise());
                    counters.textsSent.incrementAndGet();
                }
                sink.reset();
                wire.close(sink);
                counters.textsSent.addAndGet(sink.frames);
                channel.writeAndFlush(new CloseWebSocketFrame(1000, "Normal closure"), channel.voidPromise());
                Channel ch = channel;
                closeTimer = loop.schedule(() -> {
                    ch.close();
                }, config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            case CONNECTING -> {
                breaker.release(permit);
                permit = null;
                endConnection();
                finish();
            }
            case CLOSING -> {
                // the close handshake is already under way
            }
            default -> finish(); // IDLE, RECONNECT_WAIT
        }
    }

    private void attemptFailed(WsFailure failure) {
        if (permit != null) {
            breaker.onFailure(permit);
            permit = null;
        }
        endConnection();
        LOG.warn(config.sessionUuid(), "connect", "failed", "url", config.url(), "code", failure.code().code(),
                "error", failure.getMessage(), "reconnect", reconnects.used(), "reconnect_max", config.reconnectMax());
        lastFailure = failure;
        counters.connectFailed();
        call(() -> listener.onAttemptFailed(failure.code().code(), failure.getMessage()), "onAttemptFailed");
        reconnectOrFinish();
    }

    /** Forgets the current channel: later events from it are ignored. */
    private void endConnection() {
        generation++;
        audioOpen = false;
        cancel(attemptDeadline);
        cancel(closeTimer);
        counters.framesDiscarded.addAndGet(queue.clear());
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void reconnectOrFinish() {
        long delayMs = stopRequested ? -1 : reconnects.next();
        if (delayMs < 0) {
            if (!stopRequested && lastFailure != null) {
                report(lastFailure);   // the stream gives up: its one error
            }
            finish();
            return;
        }
        int attempt = reconnects.used();
        state = State.RECONNECT_WAIT;
        counters.reconnect();
        call(() -> listener.onReconnecting(attempt, delayMs), "onReconnecting");
        reconnectTimer = loop.schedule(this::startAttempt, delayMs, TimeUnit.MILLISECONDS);
    }

    private void finish() {
        if (state == State.CLOSED) {
            return;
        }
        cancel(reconnectTimer);
        if (channel != null) {
            endConnection();
        }
        counters.framesDiscarded.addAndGet(queue.clear());
        state = State.CLOSED;
        audioOpen = false;
        call(listener::onClosed, "onClosed");
        closed.trySuccess(null);
    }

    private void drain() {
        drainScheduled.set(false);
        if (state != State.OPEN) {
            return;
        }
        int records = 0;
        sink.reset();
        while (channel.isWritable()) {
            ByteBuf record = queue.poll(channel.alloc());
            if (record == null) {
                break;
            }
            wire.audio(record, sink);
            records++;
        }
        if (records > 0) {
            counters.framesSent.addAndGet(records);
            counters.bytesSent.addAndGet(sink.bytes);   // before the flush, which may re-enter drain()
            channel.flush();
        }
    }

    /** The stream's one error: it gives up. */
    /**
     * Sends one control message made by {@code message} (a text, a mark report, a digit) after the audio
     * already queued; {@code false}, counted as a dropped text, when not connected.
     */
    private boolean sendControl(Consumer<FrameSink> message) {
        if (!audioOpen) {
            counters.textsDropped.incrementAndGet();
            return false;
        }
        execute(() -> {
            if (state == State.OPEN) {
                drain();
                sink.reset();
                message.accept(sink);
                counters.textsSent.addAndGet(sink.frames);   // before the flush, which may re-enter drain()
                channel.flush();
            } else {
                counters.textsDropped.incrementAndGet();
            }
        });
        return true;
    }

    private void report(WsFailure failure) {
        counters.streamFailed();
        String message = failure.getMessage() + " (url=" + config.url() + reconnects.label() + ")";
        call(() -> listener.onError(failure.code().code(), message), "onError");
    }

    private void call(Runnable callback, String name) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            long suppressed = listenerFailureLog.tryAcquire(resources.nanoClock().getAsLong());
            if (suppressed >= 0) {
                LOG.error(config.sessionUuid(), "listener", "failed", e, "callback", name, "url", config.url(),
                        "suppressed", suppressed);
            }
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug(config.sessionUuid(), "task", "rejected", "url", config.url(), "reason", "event loop shut down");
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Writes a dialect's frames to the open channel, counting them; reset before each use. Event loop only. */
    private final class ChannelSink implements FrameSink {
        int frames;
        long bytes;

        void reset() {
            frames = 0;
            bytes = 0;
        }

        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }

        @Override
        public void write(WebSocketFrame frame) {
            frames++;
            bytes += frame.content().readableBytes();
            channel.write(frame, channel.voidPromise());
        }
    }
}

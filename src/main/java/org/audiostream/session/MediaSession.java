package org.audiostream.session;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.audiostream.media.CallLeg;
import org.audiostream.media.FrameTask;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.media.InjectStats;
import org.audiostream.media.MixMode;

/**
 * One call's media, the gateway's equivalent of a FreeSWITCH media bug. Each 20 ms tick: take the
 * caller's frame from the leg, play the next inject frame to the caller, then run the capture path
 * (if streaming and not paused) with both frames.
 *
 * <p>Threads: {@link #onTick} runs only on the owning clock shard. {@link #startStreaming},
 * {@link #stopStreaming}, {@link #pause}, {@link #resume}, {@link #callAnswered} and {@link #close} may be
 * called from any thread; they publish through volatile fields that the next tick reads once. The inject buffer's
 * producer is the stream target's I/O thread.
 *
 * <p>Two clocks feed the watchdogs: when the capture path last ran (a stopped media thread) and when the
 * caller's audio last arrived (a dead input). The second one stands still only while the call is answered
 * and the leg {@linkplain CallLeg#expectsCallerAudio expects caller audio}, so hold is a pause, not a stall.
 */
public final class MediaSession implements FrameTask {

    private final String uuid;
    private final CallDetails call;
    private final CallLeg leg;
    private final InjectBuffer inject;
    private final InjectSettings injectSettings;
    private final int samplesPerFrame;
    private final long createdNanos;

    // Written by control threads, read once per tick by the shard.
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.PARKED);
    private volatile CapturePath capture;
    private volatile StreamMode mode = StreamMode.NONE;
    private volatile boolean paused;
    private volatile boolean answered;
    /** Inject statistics when the current stream started (or the last one stopped): health judges what came after. */
    private volatile InjectStats injectBaseline;
    private volatile InjectListener injectEvents = InjectListener.NONE;

    // Written by the shard only.
    private final short[] callerFrame;
    private final short[] playedFrame;
    private final FrameCounter ticks = new FrameCounter();
    private final FrameCounter callerSilentFrames = new FrameCounter();
    private final FrameCounter framesCaptured = new FrameCounter();
    private final FrameCounter lastCaptureNanos = new FrameCounter();
    private final FrameCounter lastTickNanos = new FrameCounter();
    private final FrameCounter lastCallerAudioNanos = new FrameCounter();
    private final FrameCounter captureBytes = new FrameCounter();
    private final FrameCounter tickNanosSum = new FrameCounter();
    private final FrameCounter tickNanosMax = new FrameCounter();
    /** Frames dropped by targets that have been detached (stop, restart after an error, close). */
    private final AtomicLong framesDroppedByEndedStreams = new AtomicLong();

    public MediaSession(String uuid, CallDetails call, CallLeg leg, InjectSettings injectSettings, long nowNanos) {
        this.uuid = Objects.requireNonNull(uuid);
        this.call = call;
        this.leg = leg;
        this.samplesPerFrame = leg.samplesPerFrame();
        this.callerFrame = new short[samplesPerFrame];
        this.playedFrame = new short[samplesPerFrame];
        this.injectSettings = injectSettings;
        this.inject = new InjectBuffer(injectSettings.bufferMs(), injectSettings.minBufferMs(), leg.sampleRate(),
                new ForwardingInjectListener());
        this.createdNanos = nowNanos;
        this.lastCaptureNanos.set(nowNanos);
        this.lastTickNanos.set(nowNanos);
        this.lastCallerAudioNanos.set(nowNanos);
        this.injectBaseline = inject.stats();
    }

    public String uuid() {
        return uuid;
    }

    public CallDetails call() {
        return call;
    }

    public SessionState state() {
        return state.get();
    }

    public StreamMode mode() {
        return mode;
    }

    public boolean paused() {
        return paused;
    }

    public CallLeg leg() {
        return leg;
    }

    public InjectBuffer injectBuffer() {
        return inject;
    }

    public InjectSettings injectSettings() {
        return injectSettings;
    }

    /** The attached stream target, if streaming. */
    public java.util.Optional<StreamTarget> target() {
        CapturePath c = capture;
        return c == null ? java.util.Optional.empty() : java.util.Optional.of(c.target());
    }

    long createdNanos() {
        return createdNanos;
    }

    @Override
    public void onTick(long nowNanos) {
        long started = System.nanoTime();
        if (leg.readCallerFrame(callerFrame, nowNanos)) {
            lastCallerAudioNanos.set(nowNanos);
        } else {
            callerSilentFrames.add(1);
            if (!answered || !leg.expectsCallerAudio()) {
                lastCallerAudioNanos.set(nowNanos);   // nothing is owed: not a stall
            }
        }
        inject.read(playedFrame, 0, samplesPerFrame);
        leg.writeFrame(playedFrame, nowNanos);
        CapturePath c = capture;
        if (c != null && !paused) {
            captureBytes.add(c.onFrame(callerFrame, playedFrame, samplesPerFrame, nowNanos));
            framesCaptured.add(1);
            lastCaptureNanos.set(nowNanos);
        }
        ticks.add(1);
        lastTickNanos.set(nowNanos);
        long spent = System.nanoTime() - started;
        tickNanosSum.add(spent);
        if (spent > tickNanosMax.get()) {
            tickNanosMax.set(spent);
        }
    }

    /** The call was answered: from now on missing caller audio counts towards the input watchdog. */
    public void callAnswered() {
        lastCallerAudioNanos.set(lastTickNanos.get());
        answered = true;
    }

    /**
     * Connects the capture and inject paths to {@code target}. A session whose stream failed (ERROR) takes
     * a new start, as mod_audio_stream does: apps retry {@code start} on an {@code error} event. The failed
     * target is closed first.
     *
     * @param injectEvents where mark reports and backlog resets go (the target's protocol)
     * @param prebufferMs  the inject buffer's talk-spurt prebuffer while this target streams
     * @throws IllegalStateException if the session is already streaming or closing (the API's
     *     "second start is refused")
     */
    public void startStreaming(StreamMode newMode, MixMode mix, int streamRate, StreamTarget target, InjectListener injectEvents,
                               int prebufferMs) {
        if (state.get() == SessionState.ERROR) {
            stopStreaming(null);
        }
        if (!state.compareAndSet(SessionState.PARKED, SessionState.STREAMING)) {
            throw new IllegalStateException("session " + uuid + " is " + state.get().name().toLowerCase()
                    + (mode == StreamMode.NONE ? "" : " (" + mode.label() + ")") + "; stop it first");
        }
        injectBaseline = inject.stats();
        this.injectEvents = injectEvents;
        inject.trimLiveBacklog(newMode == StreamMode.WS && injectSettings.trimLive());
        inject.prebuffer(prebufferMs);
        this.paused = false;
        this.mode = newMode;
        lastCaptureNanos.set(lastTickNanos.get());   // the stall watchdog counts from here, not from the call's start
        this.capture = new CapturePath(mix, leg.sampleRate(), streamRate, samplesPerFrame, target);
    }

    /**
     * Disconnects the stream target (sending {@code finalText} first if given), flushes what it
     * queued for playout, and parks the session.
     *
     * @return false if nothing was streaming
     */
    public boolean stopStreaming(String finalText) {
        CapturePath c = capture;
        SessionState s = state.get();
        if (c == null || (s != SessionState.STREAMING && s != SessionState.ERROR)) {
            return false;
        }
        capture = null;
        mode = StreamMode.NONE;
        paused = false;
        inject.clear();
        inject.trimLiveBacklog(false);
        inject.prebuffer(injectSettings.minBufferMs());
        inject.hold(false);
        injectEvents = InjectListener.NONE;
        c.target().close(finalText);
        framesDroppedByEndedStreams.addAndGet(c.target().framesDropped());
        injectBaseline = inject.stats();
        state.compareAndSet(s, SessionState.PARKED);
        return true;
    }

    /** A DTMF digit from the caller, handed to the stream target if streaming. Clock shard only. */
    public void onDtmf(char digit, int durationMs) {
        CapturePath c = capture;
        if (c != null) {
            c.target().onDtmf(digit, durationMs);
        }
    }

    /** The stream target failed for good (e.g. breaker open, reconnects exhausted). */
    public void markError() {
        state.compareAndSet(SessionState.STREAMING, SessionState.ERROR);
    }

    /** While paused, captured frames are dropped, not sent (mod_audio_stream semantics). */
    public boolean pause() {
        if (capture == null) {
            return false;
        }
        paused = true;
        return true;
    }

    public boolean resume() {
        if (capture == null) {
            return false;
        }
        lastCaptureNanos.set(lastTickNanos.get());   // the stall watchdog counts from here, not from the pause
        paused = false;
        return true;
    }

    /**
     * Starts teardown: the stream target is closed; the caller unregisters the session from the
     * clock and closes the leg. Exactly once per session.
     *
     * @return true for the call that actually closed it
     */
    public boolean close() {
        SessionState s;
        do {
            s = state.get();
            if (s == SessionState.CLOSING || s == SessionState.CLOSED) {
                return false;
            }
        } while (!state.compareAndSet(s, SessionState.CLOSING));
        CapturePath c = capture;
        capture = null;
        if (c != null) {
            c.target().close(null);
            framesDroppedByEndedStreams.addAndGet(c.target().framesDropped());
        }
        return true;
    }

    /** Teardown finished: leg closed, session unregistered. */
    public void markClosed() {
        state.set(SessionState.CLOSED);
    }

    /** Health in the seed's §2.1 shape. */
    public SessionHealth health(long nowNanos) {
        return SessionHealth.of(this, nowNanos);
    }

    long ticks() {
        return ticks.get();
    }

    long callerSilentFrames() {
        return callerSilentFrames.get();
    }

    long framesCaptured() {
        return framesCaptured.get();
    }

    /**
     * When the capture path last ran; while parked or paused (no capture by design) the last tick, so that
     * the stall watchdog and health see a stopped media thread but not a deliberate pause.
     */
    long lastCaptureNanos() {
        return capture == null || paused ? lastTickNanos.get() : lastCaptureNanos.get();
    }

    /** Milliseconds since caller audio last arrived while it was owed (0 while none is owed). */
    long callerSilentMs(long nowNanos) {
        return Math.max(0, (nowNanos - lastCallerAudioNanos.get()) / 1_000_000);
    }

    long captureBytes() {
        return captureBytes.get();
    }

    /** Total and longest time spent in {@link #onTick}, in nanoseconds (the seed's callback time). */
    long tickNanosSum() {
        return tickNanosSum.get();
    }

    long tickNanosMax() {
        return tickNanosMax.get();
    }

    InjectStats injectBaseline() {
        return injectBaseline;
    }

    /** Frames dropped by every target this session has had, the current one included. */
    long framesDroppedLifetime() {
        return framesDroppedByEndedStreams.get() + captureFramesDropped();
    }

    long captureFramesDropped() {
        CapturePath c = capture;
        return c == null ? 0 : c.target().framesDropped();
    }

    long captureFramesUndelivered() {
        CapturePath c = capture;
        return c == null ? 0 : c.target().framesUndelivered();
    }

    /** Whether the stream target can deliver now; true when nothing is streaming (nothing to deliver). */
    boolean streamConnected() {
        CapturePath c = capture;
        return c == null || c.target().connected();
    }

    /** Sends inject-buffer callbacks to whatever target is attached now. */
    private final class ForwardingInjectListener implements InjectListener {
        @Override
        public void onMarkPlayed(String name) {
            injectEvents.onMarkPlayed(name);
        }

        @Override
        public void onMarkCleared(String name) {
            injectEvents.onMarkCleared(name);
        }

        @Override
        public void onPlayoutStarted() {
            injectEvents.onPlayoutStarted();
        }

        @Override
        public void onBacklogTrimmed(long standingSamples, long droppedSamples) {
            injectEvents.onBacklogTrimmed(standingSamples, droppedSamples);
        }

        @Override
        public void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) {
            injectEvents.onBacklogReset(overflowsInWindow, windowNanos, droppedSamples);
        }
    }
}

package org.audiostream.session;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.audiostream.media.CallLeg;
import org.audiostream.media.FrameTask;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.media.MixMode;

/**
 * One call's media, the gateway's equivalent of a FreeSWITCH media bug. Each 20 ms tick: take the
 * caller's frame from the leg, play the next inject frame to the caller, then run the capture path
 * (if streaming and not paused) with both frames.
 *
 * <p>Threads: {@link #onTick} runs only on the owning clock shard. {@link #startStreaming},
 * {@link #stopStreaming}, {@link #pause}, {@link #resume} and {@link #close} may be called from any
 * thread; they publish through volatile fields that the next tick reads once. The inject buffer's
 * producer is the stream target's I/O thread.
 */
public final class MediaSession implements FrameTask {

    private final String uuid;
    private final CallDetails call;
    private final CallLeg leg;
    private final InjectBuffer inject;
    private final int samplesPerFrame;
    private final long createdNanos;

    // Written by control threads, read once per tick by the shard.
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.PARKED);
    private volatile CapturePath capture;
    private volatile StreamMode mode = StreamMode.NONE;
    private volatile boolean paused;
    private volatile InjectListener injectEvents = InjectListener.NONE;

    // Written by the shard only.
    private final short[] callerFrame;
    private final short[] playedFrame;
    private final FrameCounter ticks = new FrameCounter();
    private final FrameCounter callerSilentFrames = new FrameCounter();
    private final FrameCounter framesCaptured = new FrameCounter();
    private final FrameCounter lastCaptureNanos = new FrameCounter();
    private final FrameCounter lastTickNanos = new FrameCounter();

    public MediaSession(String uuid, CallDetails call, CallLeg leg, int injectBufferMs, int injectMinBufferMs, long nowNanos) {
        this.uuid = Objects.requireNonNull(uuid);
        this.call = call;
        this.leg = leg;
        this.samplesPerFrame = leg.samplesPerFrame();
        this.callerFrame = new short[samplesPerFrame];
        this.playedFrame = new short[samplesPerFrame];
        this.inject = new InjectBuffer(injectBufferMs, injectMinBufferMs, leg.sampleRate(), new ForwardingInjectListener());
        this.createdNanos = nowNanos;
        this.lastCaptureNanos.set(nowNanos);
        this.lastTickNanos.set(nowNanos);
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
        if (!leg.readCallerFrame(callerFrame, nowNanos)) {
            callerSilentFrames.add(1);
        }
        inject.read(playedFrame, 0, samplesPerFrame);
        leg.writeFrame(playedFrame, nowNanos);
        CapturePath c = capture;
        if (c != null && !paused) {
            c.onFrame(callerFrame, playedFrame, samplesPerFrame, nowNanos);
            framesCaptured.add(1);
            lastCaptureNanos.set(nowNanos);
        }
        ticks.add(1);
        lastTickNanos.set(nowNanos);
    }

    /**
     * Connects the capture and inject paths to {@code target}.
     *
     * @param injectEvents where mark reports and backlog resets go (the target's protocol)
     * @throws IllegalStateException if the session is already streaming or closing (the API's
     *     "second start is refused")
     */
    public void startStreaming(StreamMode newMode, MixMode mix, int streamRate, StreamTarget target, InjectListener injectEvents) {
        if (!state.compareAndSet(SessionState.PARKED, SessionState.STREAMING)) {
            throw new IllegalStateException("session " + uuid + " is " + state.get().name().toLowerCase()
                    + (mode == StreamMode.NONE ? "" : " (" + mode.label() + ")") + "; stop it first");
        }
        this.injectEvents = injectEvents;
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
        injectEvents = InjectListener.NONE;
        c.target().close(finalText);
        state.compareAndSet(s, SessionState.PARKED);
        return true;
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
        public void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) {
            injectEvents.onBacklogReset(overflowsInWindow, windowNanos, droppedSamples);
        }
    }
}

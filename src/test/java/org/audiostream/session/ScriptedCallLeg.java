package org.audiostream.session;

import java.util.Arrays;
import org.audiostream.media.CallLeg;

/**
 * A call leg for session tests: the caller "says" a scripted signal (sample i of the call is
 * {@code signal(i)}), and every frame the session writes is recorded.
 */
final class ScriptedCallLeg implements CallLeg {

    interface Signal {
        short at(long sampleIndex);
    }

    private final int rate;
    private final Signal signal;
    private long callerSamples;
    private short[] written = new short[0];
    private int writtenCount;
    boolean recordWrites = true;
    /** While true the caller sends nothing: frames are concealment. */
    boolean silent;
    /** What {@link #expectsCallerAudio} answers (false: on hold). */
    boolean expectingAudio = true;

    ScriptedCallLeg(int rate, Signal signal) {
        this.rate = rate;
        this.signal = signal;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public boolean readCallerFrame(short[] pcm, long nowNanos) {
        if (silent) {
            Arrays.fill(pcm, 0, samplesPerFrame(), (short) 0);
            return false;
        }
        for (int i = 0; i < samplesPerFrame(); i++) {
            pcm[i] = signal.at(callerSamples++);
        }
        return true;
    }

    @Override
    public boolean expectsCallerAudio() {
        return expectingAudio;
    }

    @Override
    public void writeFrame(short[] pcm, long nowNanos) {
        if (!recordWrites) {
            return;
        }
        if (writtenCount + samplesPerFrame() > written.length) {
            written = Arrays.copyOf(written, Math.max(written.length * 2, 4096));
        }
        System.arraycopy(pcm, 0, written, writtenCount, samplesPerFrame());
        writtenCount += samplesPerFrame();
    }

    short[] written() {
        return Arrays.copyOf(written, writtenCount);
    }
}

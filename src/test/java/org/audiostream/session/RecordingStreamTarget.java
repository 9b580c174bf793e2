package org.audiostream.session;

import java.util.Arrays;

/** A stream target that keeps every captured sample and how it was closed. */
final class RecordingStreamTarget implements StreamTarget {

    private short[] samples = new short[0];
    private int count;
    int frames;
    int closes;
    String finalText;
    long dropped;

    @Override
    public void onCapturedFrame(short[] pcm, int n, long nowNanos) {
        if (count + n > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + n));
        }
        System.arraycopy(pcm, 0, samples, count, n);
        count += n;
        frames++;
    }

    @Override
    public long framesDropped() {
        return dropped;
    }

    @Override
    public void close(String finalText) {
        closes++;
        this.finalText = finalText;
    }

    short[] samples() {
        return Arrays.copyOf(samples, count);
    }
}

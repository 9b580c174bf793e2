package org.audiostream.session;

import org.audiostream.media.ChannelMixer;
import org.audiostream.media.MixMode;
import org.audiostream.media.PolyphaseResampler;

/**
 * Capture path: call audio to the stream target, once per 20 ms tick.
 * caller frame + played frame -> resample each leg to the stream rate -> ChannelMixer -> StreamTarget.
 * Resampling comes before mixing so stereo keeps one resampler per channel and mono pays for one.
 *
 * <p>Threads: confined to the owning clock shard. Never blocks; allocation-free after construction.
 */
final class CapturePath {

    private final ChannelMixer mixer;
    private final StreamTarget target;
    private final PolyphaseResampler callerResampler;
    private final PolyphaseResampler playedResampler;
    private final short[] callerAtStreamRate;
    private final short[] playedAtStreamRate;
    private final short[] mixed;

    CapturePath(MixMode mode, int codecRate, int streamRate, int samplesPerFrame, StreamTarget target) {
        this.mixer = new ChannelMixer(mode);
        this.target = target;
        this.callerResampler = PolyphaseResampler.create(codecRate, streamRate, PolyphaseResampler.Quality.STANDARD);
        this.playedResampler = mode == MixMode.MONO ? null : PolyphaseResampler.create(codecRate, streamRate, PolyphaseResampler.Quality.STANDARD);
        int maxOut = callerResampler.maxOutput(samplesPerFrame);
        this.callerAtStreamRate = new short[maxOut];
        this.playedAtStreamRate = new short[maxOut];
        this.mixed = new short[maxOut * mode.channels()];
    }

    StreamTarget target() {
        return target;
    }

    /** @return bytes of L16 audio (all channels) delivered to the target this tick */
    int onFrame(short[] caller, short[] played, int samples, long nowNanos) {
        int n = callerResampler.process(caller, 0, samples, callerAtStreamRate, 0);
        if (playedResampler != null) {
            int m = playedResampler.process(played, 0, samples, playedAtStreamRate, 0);
            assert m == n : "resamplers of one session drifted: caller=" + n + " played=" + m;
        }
        int out = mixer.mix(callerAtStreamRate, playedAtStreamRate, n, mixed);
        target.onCapturedFrame(mixed, out, nowNanos);
        return out * Short.BYTES;
    }
}

package org.audiostream.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming sample-rate converter for mono 16-bit PCM between any two rates from
 * {@value #MIN_RATE} to {@value #MAX_RATE} Hz in steps of {@value #RATE_STEP} Hz (every rate audio
 * uses: 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000, ...): a
 * rational L/M polyphase Kaiser-windowed-sinc filter (for example 44100 to 8000 Hz is L/M = 80/441),
 * computed in float. The step bounds L and M, and so the size of a coefficient bank. Input may come in chunks of any
 * size: the output is sample-for-sample identical to resampling the whole signal at once. The
 * output lags by {@link #delay()} output samples and starts as if the input were preceded by
 * silence. Equal rates copy. Coefficient banks are shared between instances (see
 * {@link PolyphaseFilter}); each instance holds only its input history.
 *
 * <p>Threads: not thread-safe; confined to one thread (the owning clock shard). {@link #process}
 * never blocks and never allocates.
 */
public final class PolyphaseResampler {

    /** Filter length, window and bandwidth. */
    public enum Quality {
        /**
         * The default for calls: 112 taps at the lower rate, Kaiser beta 10.5 (about 105 dB
         * stopband from 1.005 times the lower Nyquist frequency), passband flat to 0.88 of it. At least speexdsp quality 5 by tone SNR,
         * passband ripple, stopband attenuation and speech SNR (PolyphaseResamplerSpeexIT).
         */
        STANDARD(56, 10.5, 0.945),
        /**
         * For recordings and offline conversion: 256 taps, Kaiser beta 12 (about 117 dB stopband
         * from the lower Nyquist frequency), passband flat to 0.94 of it; at least speexdsp
         * quality 8. About 2.3 times the
         * cost of STANDARD.
         */
        HIGH(128, 12.0, 0.97);

        private final int halfTaps;
        private final double kaiserBeta;
        private final double cutoff;

        Quality(int halfTaps, double kaiserBeta, double cutoff) {
            this.halfTaps = halfTaps;
            this.kaiserBeta = kaiserBeta;
            this.cutoff = cutoff;
        }

        /** Half the filter length, in samples of the lower of the two rates. */
        int halfTaps() {
            return halfTaps;
        }

        double kaiserBeta() {
            return kaiserBeta;
        }

        /** The sinc cutoff as a fraction of the lower rate's Nyquist frequency. */
        double cutoff() {
            return cutoff;
        }
    }

    /** The common rates, each pair of which is checked against speexdsp (PolyphaseResamplerSpeexIT). */
    public static final int[] RATES = {8000, 16000, 22050, 24000, 32000, 44100, 48000};
    public static final int MIN_RATE = 8000;
    public static final int MAX_RATE = 96000;
    public static final int RATE_STEP = 25;

    /** Input samples per internal block; larger calls are processed block by block. */
    static final int BLOCK = 1024;

    /** Above this L or M a phase recurs too rarely per block for {@link PhaseClassKernel}. */
    private static final int MAX_PHASE_CLASS_FACTOR = 8;

    private final int inRate;
    private final int outRate;
    private final Quality quality;
    private final PolyphaseFilter filter;
    private final PolyphaseKernel kernel;
    private final int streams;
    private final int pad;
    private final short[][] history;

    // History window, in positions relative to history[..][0] (position g is history[g % streams][g / streams]).
    private int filled;
    private int nextStart;
    private int nextPhase;

    private PolyphaseResampler(int inRate, int outRate, Quality quality) {
        this.inRate = inRate;
        this.outRate = outRate;
        this.quality = quality;
        if (inRate == outRate) {
            this.filter = null;
            this.kernel = null;
            this.streams = 1;
            this.pad = 0;
            this.history = null;
            return;
        }
        int gcd = gcd(inRate, outRate);
        int up = outRate / gcd;
        int down = inRate / gcd;
        this.filter = PolyphaseFilter.of(up, down, quality);
        int maxBlockOutputs = (int) ceilDiv((long) BLOCK * up, down);
        this.kernel = Math.max(up, down) <= MAX_PHASE_CLASS_FACTOR
                ? new PhaseClassKernel(filter, maxBlockOutputs)
                : new DirectKernel(filter);
        this.streams = kernel.historyStreams();
        int taps = filter.taps();
        this.pad = streams * (int) ceilDiv(taps - 1, streams);
        // After a block the window keeps fewer than taps + streams positions; then a block arrives.
        int perStream = (int) ceilDiv(taps + streams + BLOCK, streams) + 1;
        this.history = new short[streams][perStream];
        reset();
    }

    /**
     * A resampler from {@code inRate} to {@code outRate}.
     *
     * @throws IllegalArgumentException if a rate is not {@linkplain #supports supported}
     */
    public static PolyphaseResampler create(int inRate, int outRate, Quality quality) {
        checkRate("inRate", inRate);
        checkRate("outRate", outRate);
        return new PolyphaseResampler(inRate, outRate, Objects.requireNonNull(quality, "quality"));
    }

    public int inputRate() {
        return inRate;
    }

    public int outputRate() {
        return outRate;
    }

    public Quality quality() {
        return quality;
    }

    /** Output delay in output samples (0 for equal rates): output {@code j} corresponds to input time {@code j - delay()}. */
    public int delay() {
        return filter == null ? 0 : filter.delay();
    }

    /** The most samples one {@link #process} call with {@code inLen} input samples can write. */
    public int maxOutput(int inLen) {
        if (filter == null) {
            return inLen;
        }
        return Math.toIntExact(ceilDiv((long) inLen * filter.up(), filter.down()));
    }

    /**
     * Resamples {@code in[inOff, inOff + inLen)} and writes the outputs that became available to
     * {@code out} from {@code outOff}. Over a stream, {@code n} inputs in total yield
     * {@code ceil(n * outRate / inRate)} outputs in total; one call writes at most
     * {@link #maxOutput}{@code (inLen)}.
     *
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if the input range is outside {@code in}, or {@code out}
     *     has no room for the samples this call produces (nothing is consumed then)
     */
    public int process(short[] in, int inOff, int inLen, short[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        int produced = outputsAfter(inLen);
        if (outOff < 0 || outOff > out.length || produced > out.length - outOff) {
            throw new IndexOutOfBoundsException("resampler output does not fit: needed=" + produced
                    + " > room=" + (out.length - outOff) + " (" + inRate + " -> " + outRate + " Hz, inLen="
                    + inLen + ", outOff=" + outOff + ", out.length=" + out.length + ")");
        }
        if (filter == null) {
            System.arraycopy(in, inOff, out, outOff, inLen);
            return inLen;
        }
        int written = 0;
        for (int done = 0; done < inLen; ) {
            int n = Math.min(BLOCK, inLen - done);
            append(in, inOff + done, n);
            written += produce(out, outOff + written);
            compact();
            done += n;
        }
        return written;
    }

    /** Forgets all input, as if newly created. */
    public void reset() {
        if (filter == null) {
            return;
        }
        for (short[] stream : history) {
            Arrays.fill(stream, (short) 0);
        }
        filled = pad;
        nextStart = pad - (filter.taps() - 1);
        nextPhase = 0;
    }

    /** How many outputs are ready once {@code more} inputs are added to the window. */
    private int outputsAfter(int more) {
        if (filter == null) {
            return more;
        }
        long lastBase = (long) filled + more - filter.taps() - nextStart;
        if (lastBase < 0) {
            return 0;
        }
        return Math.toIntExact(ceilDiv((lastBase + 1) * filter.up() - nextPhase, filter.down()));
    }

    private void append(short[] in, int off, int n) {
        if (streams == 1) {
            System.arraycopy(in, off, history[0], filled, n);
        } else {
            for (int residue = 0; residue < streams; residue++) {
                int first = Math.floorMod(residue - filled, streams);
                short[] x = history[residue];
                int u = (filled + first) / streams;
                for (int i = first; i < n; i += streams) {
                    x[u++] = in[off + i];
                }
            }
        }
        filled += n;
    }

    private int produce(short[] out, int outOff) {
        int count = outputsAfter(0);
        if (count == 0) {
            return 0;
        }
        kernel.run(history, nextStart, nextPhase, count, out, outOff);
        long advance = nextPhase + (long) count * filter.down();
        nextStart += (int) (advance / filter.up());
        nextPhase = (int) (advance % filter.up());
        return count;
    }

    /** Drops history no later output needs, keeping the window aligned to whole stream rows. */
    private void compact() {
        int rows = nextStart / streams;
        if (rows == 0) {
            return;
        }
        for (int residue = 0; residue < streams; residue++) {
            int length = (int) ceilDiv(filled - residue, streams);
            System.arraycopy(history[residue], rows, history[residue], 0, length - rows);
        }
        int dropped = rows * streams;
        filled -= dropped;
        nextStart -= dropped;
    }

    /** Whether {@link #create} takes {@code rate}: {@value #MIN_RATE}-{@value #MAX_RATE} Hz, a multiple of {@value #RATE_STEP}. */
    public static boolean supports(int rate) {
        return rate >= MIN_RATE && rate <= MAX_RATE && rate % RATE_STEP == 0;
    }

    /**
     * The supported rate nearest to {@code rate}: an odd rate such as 8001 Hz is played as 8000 Hz, a pitch
     * error below 0.2 %.
     */
    public static int nearestSupported(int rate) {
        int clamped = Math.clamp(rate, MIN_RATE, MAX_RATE);
        return Math.round(clamped / (float) RATE_STEP) * RATE_STEP;
    }

    private static void checkRate(String name, int rate) {
        if (!supports(rate)) {
            throw new IllegalArgumentException("resampler rate not supported: " + name + "=" + rate + " not in "
                    + MIN_RATE + "-" + MAX_RATE + " Hz in steps of " + RATE_STEP);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return "PolyphaseResampler[" + inRate + " -> " + outRate + " Hz, " + quality
                + (filter == null ? ", copy]" : ", L/M=" + filter.up() + "/" + filter.down() + ", taps="
                        + filter.taps() + ", delay=" + filter.delay() + ", " + kernel.getClass().getSimpleName() + "]");
    }
}

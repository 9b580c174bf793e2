package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.audiostream.media.PolyphaseResampler.Quality;
import org.audiostream.testing.AsteriskSounds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resampler quality against Debian's libspeexdsp ({@link SpeexReference}): STANDARD against speex
 * quality 5, HIGH against quality 8, on the same inputs, 20 ms frames for speex.
 *
 * <ul>
 *   <li>Passband: 20 sines up to 0.8 of the lower Nyquist frequency at -6 dBFS; the SNR of a
 *       least-squares sine fit (independent of delay) must reach speex's worst minus 0.5 dB, and
 *       the spread of fitted gains (ripple) must not exceed speex's or 0.001 dB.
 *   <li>Stopband (downsampling): sines from 1.02 times the output Nyquist frequency; each must be
 *       attenuated as much as speex does, minus 0.5 dB, or down to the 16-bit floor (output
 *       power of 1/12 LSB², i.e. rounding noise), where neither output can say more.
 *   <li>Speech (rates among 8, 16, 24, 32 and 48 kHz, where speex's delay is a whole number of
 *       output samples): SNR against speex quality 10 after integer delay alignment must reach
 *       speex's minus 0.5 dB. Sources: an Asterisk prompt at 8 kHz; espeak-ng at 22050 Hz,
 *       brought to other input rates by speex quality 10.
 * </ul>
 *
 * The measured numbers are printed, one line per pair.
 *
 * <p>Threads: JUnit's single test thread.
 */
class PolyphaseResamplerSpeexIT {

    private static final double TOLERANCE_DB = 0.5;
    private static final double AMPLITUDE = 16384;
    /** Attenuation at which the output is down to 16-bit rounding noise: 10 log10(6 A²). */
    private static final double FLOOR_DB = 10 * Math.log10(6 * AMPLITUDE * AMPLITUDE);
    private static final Path PROMPT = AsteriskSounds.prompt("demo-congrats.wav");
    private static final String SENTENCES = "The quick brown fox jumps over the lazy dog. She sells sea shells by "
            + "the sea shore. Please hold while we connect your call, this may take a few seconds.";
    private static final Map<Integer, short[]> SPEECH = new HashMap<>();

    @FunctionalInterface
    private interface Converter {
        short[] apply(short[] in) throws IOException, InterruptedException;
    }

    private record Measured(double toneSnrDb, double rippleDb, double[] stopDb, double speechSnrDb) {}

    static Stream<Arguments> pairs() {
        int[][] pairs = {{8000, 16000}, {16000, 8000}, {8000, 24000}, {24000, 8000}, {8000, 48000}, {48000, 8000},
            {16000, 24000}, {24000, 16000}, {16000, 48000}, {48000, 16000}, {24000, 48000}, {48000, 24000},
            {32000, 48000}, {8000, 22050}, {22050, 8000}, {44100, 16000}, {16000, 44100}, {48000, 44100}};
        List<Arguments> args = new ArrayList<>();
        for (Quality quality : Quality.values()) {
            for (int[] p : pairs) {
                args.add(Arguments.of(p[0], p[1], quality));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{2} {0} -> {1} Hz")
    @MethodSource("pairs")
    void atLeastAsGoodAsSpeex(int inRate, int outRate, Quality quality) throws Exception {
        int speexQuality = quality == Quality.STANDARD ? 5 : 8;
        Converter ours = in -> {
            PolyphaseResampler r = PolyphaseResampler.create(inRate, outRate, quality);
            short[] out = new short[r.maxOutput(in.length)];
            return Arrays.copyOf(out, r.process(in, 0, in.length, out, 0));
        };
        Converter speex = in -> SpeexReference.resample(in, inRate, outRate, speexQuality);
        Measured o = measure(ours, inRate, outRate);
        Measured s = measure(speex, inRate, outRate);

        System.out.printf("%s %5d -> %5d Hz vs speex q%d (ours/speex): tone SNR min %.1f/%.1f dB, ripple %.4f/%.4f dB,"
                        + " stopband min %s dB, speech SNR %s dB%n",
                quality, inRate, outRate, speexQuality, o.toneSnrDb, s.toneSnrDb, o.rippleDb, s.rippleDb,
                o.stopDb.length == 0 ? "-" : String.format("%.1f/%.1f", min(o.stopDb), min(s.stopDb)),
                Double.isNaN(o.speechSnrDb) ? "-" : String.format("%.2f/%.2f", o.speechSnrDb, s.speechSnrDb));

        assertThat(o.toneSnrDb).as("passband tone SNR").isGreaterThanOrEqualTo(s.toneSnrDb - TOLERANCE_DB);
        assertThat(o.rippleDb).as("passband ripple").isLessThanOrEqualTo(Math.max(s.rippleDb, 0.001));
        for (int i = 0; i < o.stopDb.length; i++) {
            assertThat(o.stopDb[i]).as("stopband tone %d attenuation", i)
                    .isGreaterThanOrEqualTo(Math.min(s.stopDb[i], FLOOR_DB) - TOLERANCE_DB);
        }
        if (!Double.isNaN(o.speechSnrDb)) {
            assertThat(o.speechSnrDb).as("speech SNR").isGreaterThanOrEqualTo(s.speechSnrDb - TOLERANCE_DB);
        }
    }

    private static Measured measure(Converter converter, int inRate, int outRate) throws Exception {
        double top = 0.8 * Math.min(inRate, outRate) / 2;
        int skip = outRate / 20; // 50 ms: well past either filter's delay
        double minSnr = Double.POSITIVE_INFINITY;
        double minGain = Double.POSITIVE_INFINITY;
        double maxGain = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= 20; k++) {
            double f = top * k / 20;
            short[] y = converter.apply(ResamplerMetrics.sine(f, inRate, inRate, AMPLITUDE));
            ResamplerMetrics.SineFit fit = ResamplerMetrics.fitSine(y, skip, y.length - skip, f, outRate, AMPLITUDE);
            minSnr = Math.min(minSnr, fit.snrDb());
            minGain = Math.min(minGain, fit.gainDb());
            maxGain = Math.max(maxGain, fit.gainDb());
        }
        List<Double> stop = new ArrayList<>();
        if (outRate < inRate) {
            for (double m : new double[] {1.02, 1.05, 1.1, 1.25, 1.5, 2, 3, 4, 5}) {
                double f = outRate / 2.0 * m;
                if (f > 0.97 * inRate / 2) {
                    break;
                }
                short[] y = converter.apply(ResamplerMetrics.sine(f, inRate, inRate, AMPLITUDE));
                double power = Math.max(ResamplerMetrics.power(y, skip, y.length - skip), 1e-6);
                stop.add(10 * Math.log10(AMPLITUDE * AMPLITUDE / 2 / power));
            }
        }
        double speech = Double.NaN;
        if (inRate % 8000 == 0 && outRate % 8000 == 0) {
            short[] source = speech(inRate);
            short[] reference = SpeexReference.resample(source, inRate, outRate, 10);
            short[] y = converter.apply(source);
            speech = ResamplerMetrics.alignedSnrDb(reference, y, outRate / 10, reference.length - outRate / 10, outRate / 40);
        }
        return new Measured(minSnr, maxGain - minGain, stop.stream().mapToDouble(Double::doubleValue).toArray(), speech);
    }

    private static synchronized short[] speech(int rate) throws IOException, InterruptedException {
        short[] cached = SPEECH.get(rate);
        if (cached != null) {
            return cached;
        }
        short[] s;
        if (rate == 8000) {
            assertThat(PROMPT).as("install the Debian package asterisk-core-sounds-en-wav").exists();
            s = Arrays.copyOf(WavFile.read(PROMPT).samples(), 12 * 8000);
        } else {
            s = SpeexReference.resample(espeak(), 22050, rate, 10);
        }
        SPEECH.put(rate, s);
        return s;
    }

    private static short[] espeak() throws IOException, InterruptedException {
        Path wav = Path.of("target/espeak-speech.wav");
        Process p;
        try {
            p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-w", wav.toString(), SENTENCES)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run espeak-ng: install the Debian package espeak-ng (" + e.getMessage() + ")", e);
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("espeak-ng: %s", log).isZero();
        WavFile speech = WavFile.read(wav);
        Files.delete(wav);
        assertThat(speech.sampleRate()).isEqualTo(22050);
        return speech.samples();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }
}

package org.audiostream.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Finds a known signal inside received audio and compares the two sample by sample: the check
 * that what a peer received is exactly what was injected, after the leading offset (silence before
 * the stream started, or audio sent before it opened) is taken out.
 */
public final class AudioMatch {

    /** Samples that must match exactly to fix the alignment: 50 ms at 8 kHz. */
    static final int WINDOW = 400;

    private AudioMatch() {
    }

    /**
     * Where {@code expected} lies in {@code received}: the index in {@code received} of
     * {@code expected[0]}, negative if {@code received} starts after it. Found by an exact match of
     * {@value #WINDOW} samples starting at the first non-zero sample of {@code expected} at or after
     * {@code anchorFrom} (zeros alone would match any silence).
     */
    public static OptionalInt locate(short[] received, short[] expected, int anchorFrom) {
        int anchor = anchorFrom;
        while (anchor < expected.length && expected[anchor] == 0) {
            anchor++;
        }
        if (anchor + WINDOW > expected.length) {
            throw new IllegalArgumentException("expected audio has no " + WINDOW + "-sample window after a non-zero sample at or after "
                    + anchorFrom);
        }
        outer:
        for (int i = 0; i + WINDOW <= received.length; i++) {
            for (int k = 0; k < WINDOW; k++) {
                if (received[i + k] != expected[anchor + k]) {
                    continue outer;
                }
            }
            return OptionalInt.of(i - anchor);
        }
        return OptionalInt.empty();
    }

    /**
     * As {@link #locate}, trying anchors at each eighth of {@code expected} in turn, for audio whose
     * start may be damaged.
     */
    public static OptionalInt locateAnywhere(short[] received, short[] expected) {
        for (int part = 0; part < 8; part++) {
            int anchor = expected.length * part / 8;
            int nonZero = anchor;
            while (nonZero < expected.length && expected[nonZero] == 0) {
                nonZero++;
            }
            if (nonZero + WINDOW > expected.length) {
                break;
            }
            OptionalInt found = locate(received, expected, anchor);
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The share of {@code expected}'s non-silent frames ({@code frame} samples from index 0) that
     * {@code received} holds exactly, each looked for where {@code offset} puts it or up to
     * {@code maxDriftFrames} whole frames later or earlier (frames inserted or dropped by a jitter
     * buffer before it). A robust check that audio arrived decoded exactly even where a busy
     * machine made a receiver conceal some of it.
     */
    public static double framesFound(short[] received, short[] expected, int offset, int frame, int maxDriftFrames) {
        int nonSilent = 0;
        int found = 0;
        for (int start = 0; start + frame <= expected.length; start += frame) {
            if (silent(expected, start, frame)) {
                continue;
            }
            nonSilent++;
            for (int drift = -maxDriftFrames; drift <= maxDriftFrames; drift++) {
                if (equalAt(received, offset + start + drift * frame, expected, start, frame)) {
                    found++;
                    break;
                }
            }
        }
        return nonSilent == 0 ? 0 : (double) found / nonSilent;
    }

    private static boolean silent(short[] s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (s[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalAt(short[] received, int at, short[] expected, int from, int n) {
        if (at < 0 || at + n > received.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (received[at + k] != expected[from + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares the overlap of {@code received} and {@code expected} placed at {@code offset} (as
     * {@link #locate} returns it).
     *
     * @return {@code null} if every overlapping sample is equal, else a description of the first difference
     */
    public static String firstDifference(short[] received, short[] expected, int offset) {
        int from = Math.max(0, -offset);
        int to = Math.min(expected.length, received.length - offset);
        for (int e = from; e < to; e++) {
            if (received[e + offset] != expected[e]) {
                return describe(received, expected, e, offset);
            }
        }
        return null;
    }

    private static String describe(short[] received, short[] expected, int e, int offset) {
        int zeros = 0;
        while (e + offset + zeros < received.length && received[e + offset + zeros] == 0) {
            zeros++;
        }
        return "sample " + e + " of " + expected.length + " (" + e / 8 + " ms at 8 kHz) differs: expected "
                + expected[e] + ", received " + received[e + offset] + " at received index " + (e + offset)
                + "; " + zeros + " zero samples follow there in the received audio"
                + (zeros >= 160 ? " (silence inserted: jitter-buffer concealment or an inject underrun?)" : "");
    }

    /**
     * The outcome of {@link #compare}: how many whole frames of the expected audio were missing in
     * the middle of the received audio, and the first difference that no such gap explains.
     *
     * @param skippedFrames frames of {@code expected} absent from {@code received}, each followed by an exact continuation
     * @param difference    {@code null} if everything else matched sample for sample
     */
    public record Comparison(int skippedFrames, String difference) {}

    /**
     * Compares {@code received} with {@code expected} placed at {@code offset}, sample for sample,
     * except that {@code received} may lack a whole frame ({@code frame} samples) of {@code expected}
     * where a receiver deliberately dropped one to shrink its playout delay: after such a gap the
     * next {@value #WINDOW} samples (or all that remain) must match exactly again. Zeros inserted
     * into {@code received}, missing parts of frames, or any other change is a difference.
     * Comparison stops at the end of either array; check lengths separately.
     */
    public static Comparison compare(short[] received, short[] expected, int offset, int frame) {
        int skipped = 0;
        int at = offset;
        int e = Math.max(0, -at);
        while (e < expected.length && e + at < received.length) {
            if (received[e + at] == expected[e]) {
                e++;
                continue;
            }
            if (continuesAfterGap(received, expected, e + at, e + frame)) {
                skipped++;
                at -= frame;
                e += frame;
                continue;
            }
            return new Comparison(skipped, describe(received, expected, e, at));
        }
        return new Comparison(skipped, null);
    }

    private static boolean continuesAfterGap(short[] received, short[] expected, int r, int e) {
        int n = Math.min(WINDOW, Math.min(received.length - r, expected.length - e));
        if (n <= 0) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (received[r + k] != expected[e + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index in {@code received} where {@code expected} ends, if {@code expected} is placed at
     * {@code offset} and {@code skippedFrames} frames of it are missing.
     */
    public static long endOf(short[] expected, int offset, int skippedFrames, int frame) {
        return (long) offset + expected.length - (long) skippedFrames * frame;
    }

    /**
     * Writes both signals as raw L16 LE files under {@code target/audio-mismatch/} for a closer look
     * (e.g. {@code sox -t raw -r 8000 -e signed -b 16 -c 1 F.raw F.wav}) and returns where.
     */
    public static Path keep(String name, short[] received, short[] expected) {
        try {
            Path dir = Path.of("target/audio-mismatch").toAbsolutePath();
            Files.createDirectories(dir);
            String base = name.replaceAll("[^A-Za-z0-9_.-]+", "-");
            writeL16(dir.resolve(base + "-received.raw"), received);
            writeL16(dir.resolve(base + "-expected.raw"), expected);
            return dir.resolve(base + "-*.raw");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes raw 16-bit little-endian samples. */
    public static void writeL16(Path file, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        Files.write(file, b.array());
    }

    /** A file of raw 16-bit little-endian samples. */
    public static short[] readL16(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }
}

package org.audiostream.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic mutation fuzzing for the parsers: from a seed corpus of valid (and famously invalid) inputs,
 * each {@link #next()} picks one and applies one to four mutations — bit flips, bytes that mean something to
 * text protocols, deleted, duplicated or inserted spans, truncation, boundary numbers in place of numbers,
 * duplicated or swapped lines, a span repeated many times. The same seed gives the same sequence, so a
 * failure names the seed and case number that reproduce it.
 *
 * <p>How much to fuzz: {@code -Dfuzz.count=N} (the tests' defaults keep the suite short; CI and release
 * runs raise it), {@code -Dfuzz.seed=S} to explore or reproduce.
 *
 * <p>Threads: not thread-safe; one per test.
 */
public final class Mutator {

    private static final byte[] MEANINGFUL = " \t\r\n:;,=<>\"'%/\\[]@?&{}0-9\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] BOUNDARY_NUMBERS = {"0", "-1", "1", "65535", "65536", "2147483647", "2147483648",
            "4294967296", "99999999999999999999", "1e9", "00000000000000000001", ""};

    private final List<byte[]> corpus;
    private final SplittableRandom random;
    private final int maxLength;

    /**
     * @param maxLength mutations never make an input longer than this
     */
    public Mutator(List<byte[]> corpus, long seed, int maxLength) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("empty corpus");
        }
        this.corpus = List.copyOf(corpus);
        this.random = new SplittableRandom(seed);
        this.maxLength = maxLength;
    }

    /** The seed to use: {@code -Dfuzz.seed}, else {@code fallback}. */
    public static long seed(long fallback) {
        return Long.getLong("fuzz.seed", fallback);
    }

    /** The number of cases to run: {@code -Dfuzz.count}, else {@code fallback}. */
    public static int count(int fallback) {
        return Integer.getInteger("fuzz.count", fallback);
    }

    public static List<byte[]> utf8(List<String> texts) {
        return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The next mutated input. */
    public byte[] next() {
        byte[] data = corpus.get(random.nextInt(corpus.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            data = mutate(data);
        }
        return data.length > maxLength ? Arrays.copyOf(data, maxLength) : data;
    }

    public String nextText() {
        return new String(next(), StandardCharsets.UTF_8);
    }

    /** A random int in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private byte[] mutate(byte[] d) {
        if (d.length == 0) {
            return randomBytes(1 + random.nextInt(32));
        }
        int at = random.nextInt(d.length);
        int span = 1 + random.nextInt(Math.min(64, d.length - at));
        return switch (random.nextInt(10)) {
            case 0 -> {
                d[at] ^= (byte) (1 << random.nextInt(8));
                yield d;
            }
            case 1 -> {
                d[at] = MEANINGFUL[random.nextInt(MEANINGFUL.length)];
                yield d;
            }
            case 2 -> splice(d, at, span, new byte[0]);
            case 3 -> splice(d, at, 0, Arrays.copyOfRange(d, at, at + span));
            case 4 -> splice(d, at, 0, randomBytes(1 + random.nextInt(16)));
            case 5 -> Arrays.copyOf(d, at);
            case 6 -> boundaryNumber(d);
            case 7 -> lines(d, true);
            case 8 -> lines(d, false);
            default -> {
                byte[] piece = Arrays.copyOfRange(d, at, at + span);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int times = 2 + random.nextInt(200);
                for (int i = 0; i < times && out.size() < maxLength; i++) {
                    out.writeBytes(piece);
                }
                yield splice(d, at, 0, out.toByteArray());
            }
        };
    }

    private byte[] boundaryNumber(byte[] d) {
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= '0' && d[i] <= '9') {
                int start = i;
                while (i < d.length && d[i] >= '0' && d[i] <= '9') {
                    i++;
                }
                numbers.add(new int[] {start, i - start});
            }
        }
        if (numbers.isEmpty()) {
            return d;
        }
        int[] n = numbers.get(random.nextInt(numbers.size()));
        return splice(d, n[0], n[1], BOUNDARY_NUMBERS[random.nextInt(BOUNDARY_NUMBERS.length)].getBytes(StandardCharsets.US_ASCII));
    }

    /** Duplicates one line, or swaps two. */
    private byte[] lines(byte[] d, boolean duplicate) {
        List<String> lines = new ArrayList<>(List.of(new String(d, StandardCharsets.ISO_8859_1).split("\n", -1)));
        if (lines.size() < 2) {
            return d;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (duplicate) {
            lines.add(b, lines.get(a));
        } else {
            String t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] splice(byte[] d, int at, int remove, byte[] insert) {
        byte[] out = new byte[d.length - remove + insert.length];
        System.arraycopy(d, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(d, at + remove, out, at + insert.length, d.length - at - remove);
        return out;
    }
}

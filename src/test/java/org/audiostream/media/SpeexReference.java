package org.audiostream.media;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's libspeexdsp as a reference resampler, through {@code src/test/c/speex_resample.c},
 * compiled with gcc into {@code target/} on first use. Missing gcc or libspeexdsp-dev fails the
 * test with the package names (they are listed in {@code .ci/debian-packages}).
 *
 * <p>Threads: {@link #resample} and {@link #nsPerFrame} may be called from any thread; the
 * helper is compiled once under the class lock.
 */
final class SpeexReference {

    private static final Path SOURCE = Path.of("src/test/c/speex_resample.c");
    private static final Path BINARY = Path.of("target/speex_resample");
    private static final Pattern NS_PER_FRAME = Pattern.compile("ns_per_frame=([0-9.]+)");
    private static boolean compiled;

    private SpeexReference() {}

    /** Resamples {@code in} with speexdsp at {@code quality}, in 20 ms frames. */
    static short[] resample(short[] in, int inRate, int outRate, int quality) throws IOException, InterruptedException {
        Path binary = binary();
        Path input = Files.createTempFile(BINARY.getParent(), "speex-in", ".s16");
        Path output = Files.createTempFile(BINARY.getParent(), "speex-out", ".s16");
        try {
            ByteBuffer bytes = ByteBuffer.allocate(in.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(in);
            Files.write(input, bytes.array());
            run(new ProcessBuilder(binary.toString(), Integer.toString(inRate), Integer.toString(outRate),
                    Integer.toString(quality)).redirectInput(input.toFile()).redirectOutput(output.toFile()));
            byte[] raw = Files.readAllBytes(output);
            short[] out = new short[raw.length / 2];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    /** speexdsp's best-of-five cost of one 20 ms frame, in nanoseconds. */
    static double nsPerFrame(int inRate, int outRate, int quality, int frames) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(binary().toString(), "--time", Integer.toString(inRate),
                Integer.toString(outRate), Integer.toString(quality), Integer.toString(frames));
        String text = run(pb.redirectOutput(ProcessBuilder.Redirect.PIPE));
        Matcher m = NS_PER_FRAME.matcher(text);
        if (!m.find()) {
            fail("speex_resample --time printed no ns_per_frame: " + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (!compiled) {
            Files.createDirectories(BINARY.getParent());
            List<String> gcc = List.of("gcc", "-O2", "-o", BINARY.toString(), SOURCE.toString(), "-lspeexdsp");
            Process p;
            try {
                p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run gcc: install the Debian packages gcc and libspeexdsp-dev ("
                        + e.getMessage() + ")", e);
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("compiling " + SOURCE + " failed: install the Debian packages gcc and "
                        + "libspeexdsp-dev (speex/speex_resampler.h, -lspeexdsp). gcc said:\n" + log);
            }
            compiled = true;
        }
        return BINARY;
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = pb.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            fail("speex_resample " + pb.command() + " exited " + code + ": " + err);
        }
        return out;
    }
}

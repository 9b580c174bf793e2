package org.audiostream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.audiostream.media.G711Law;

/**
 * A speech prompt converted by {@code sox} at test time into raw G.711 at 8 kHz mono, padded with
 * G.711 silence to whole 20 ms packets, as SIPp's {@code rtp_stream} plays it (SIPp 3.6 sends a
 * file's bytes as they are, so the file has no WAV header). Holds the codes and their decode, which
 * is exactly what a gateway that decodes correctly must deliver.
 *
 * @param file    the raw G.711 file
 * @param law     its companding law
 * @param codes   the file's bytes
 * @param samples {@code codes} decoded with {@link G711Law}
 */
public record G711Prompt(Path file, G711Law law, byte[] codes, short[] samples) {

    private static final int PACKET_BYTES = 160;

    /**
     * Converts {@code source} (any format sox reads) to raw G.711 in {@code dir}.
     *
     * @param maxSeconds keep at most this much of the prompt (0 for all of it)
     */
    public static G711Prompt convert(Path source, G711Law law, Path dir, double maxSeconds) {
        try {
            Files.createDirectories(dir);
            String name = source.getFileName().toString().replaceAll("\\.[^.]*$", "")
                    + (maxSeconds > 0 ? "-" + maxSeconds + "s" : "") + (law == G711Law.PCMU ? ".ulaw" : ".alaw");
            Path out = dir.resolve(name).toAbsolutePath();
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/sox", source.toString(), "-t", "raw", "-r", "8000",
                    "-c", "1", "-e", law == G711Law.PCMU ? "u-law" : "a-law", out.toString()));
            if (maxSeconds > 0) {
                cmd.addAll(List.of("trim", "0", String.valueOf(maxSeconds)));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("sox failed (" + String.join(" ", cmd) + "): " + output);
            }
            byte[] raw = Files.readAllBytes(out);
            byte[] codes = Arrays.copyOf(raw, (raw.length + PACKET_BYTES - 1) / PACKET_BYTES * PACKET_BYTES);
            Arrays.fill(codes, raw.length, codes.length, law.encode((short) 0));
            Files.write(out, codes);
            short[] samples = new short[codes.length];
            law.decode(codes, 0, samples, 0, codes.length);
            return new G711Prompt(out, law, codes, samples);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Length in milliseconds. */
    public long millis() {
        return codes.length / 8L;
    }
}

package org.audiostream.stream.ai.tts;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The local voice: espeak-ng (Debian package {@code espeak-ng}) as a bounded subprocess, one per sentence. The
 * text goes in on stdin (never as an argument, so it cannot pose as an option), the WAV on stdout is streamed
 * as it is produced (22,050 Hz 16-bit mono). Bounds: at most {@code maxProcesses} at once in the process (more
 * fail with {@code busy}), at most {@value #MAX_AUDIO_SECONDS} s of audio per sentence, stderr discarded; the
 * TTS watchdog kills a process that hangs. Threads: see {@link TtsEngine}; a virtual thread reads each process.
 */
final class EspeakEngine implements TtsEngine {

    static final int RATE = 22_050;
    private static final int MAX_AUDIO_SECONDS = 120;
    private static final long MAX_AUDIO_BYTES = (long) RATE * 2 * MAX_AUDIO_SECONDS;

    private final TtsOptions.Espeak options;
    private final Semaphore processes;

    EspeakEngine(TtsOptions.Espeak options, Semaphore processes) {
        this.options = options;
        this.processes = processes;
    }

    @Override
    public TtsProvider provider() {
        return TtsProvider.ESPEAK;
    }

    @Override
    public TtsFormat format() {
        return TtsFormat.PCM_22050;
    }

    @Override
    public String voiceKey() {
        return options.voice();
    }

    @Override
    public Synthesis synthesize(String text, TtsListener listener) {
        if (!processes.tryAcquire()) {
            listener.onFailure(TtsFailure.of("busy", "too many espeak-ng processes running"));
            return () -> { };
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(options.command(), "--stdout", "--stdin", "-b", "1", "-v", options.voice()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            processes.release();
            listener.onFailure(TtsFailure.of("spawn_failed", "cannot run " + options.command() + ": " + e.getMessage()));
            return () -> { };
        }
        Run run = new Run(process, listener);
        Thread.ofVirtual().name("tts-espeak").start(() -> run.read(text));
        return run::cancel;
    }

    /** One process and its reader. */
    private final class Run {
        private final Process process;
        private final TtsListener listener;
        private volatile boolean cancelled;

        Run(Process process, TtsListener listener) {
            this.process = process;
            this.listener = listener;
        }

        /** Streams the process's audio; the permit is given back before the end is reported, so the next sentence can start. */
        void read(String text) {
            TtsFailure failure = null;
            try (OutputStream stdin = process.getOutputStream(); InputStream stdout = process.getInputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
                stdin.write('\n');
                stdin.close();
                DataInputStream in = new DataInputStream(stdout);
                skipToData(in);
                byte[] buffer = new byte[4096];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) >= 0 && !cancelled) {
                    total += n;
                    if (total > MAX_AUDIO_BYTES) {
                        failure = TtsFailure.of("too_long", "espeak-ng produced more than " + MAX_AUDIO_SECONDS + " s");
                        break;
                    }
                    listener.onAudio(buffer, 0, n);
                }
                int exit = failure == null ? process.waitFor() : 0;
                if (exit != 0) {
                    failure = TtsFailure.of("exit_" + exit, options.command() + " exited with " + exit);
                }
            } catch (IOException e) {
                failure = TtsFailure.of("stream_cut", "reading espeak-ng failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            } finally {
                process.destroyForcibly();
                processes.release();
            }
            if (cancelled) {
                return;
            }
            if (failure == null) {
                listener.onComplete();
            } else {
                listener.onFailure(failure);
            }
        }

        /** Reads the RIFF header up to the start of the {@code data} chunk (espeak-ng writes 16-bit mono). */
        private void skipToData(DataInputStream in) throws IOException {
            byte[] riff = new byte[12];
            in.readFully(riff);
            if (riff[0] != 'R' || riff[1] != 'I' || riff[2] != 'F' || riff[3] != 'F') {
                throw new IOException("not a WAV stream");
            }
            byte[] id = new byte[4];
            for (int chunks = 0; chunks < 16; chunks++) {
                in.readFully(id);
                int size = Integer.reverseBytes(in.readInt());
                if (id[0] == 'd' && id[1] == 'a' && id[2] == 't' && id[3] == 'a') {
                    return;
                }
                if (size < 0 || size > 1 << 16) {
                    throw new IOException("a WAV header chunk of " + size + " bytes");
                }
                in.skipNBytes(size);
            }
            throw new IOException("no data chunk in the WAV header");
        }

        void cancel() {
            cancelled = true;
            process.destroyForcibly();
        }
    }
}

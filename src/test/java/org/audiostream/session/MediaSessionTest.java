package org.audiostream.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import java.time.Instant;
import org.audiostream.media.InjectListener;
import org.audiostream.media.MixMode;
import org.audiostream.media.PolyphaseResampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaSessionTest {

    private static final long TICK = 20_000_000L;
    private static final CallDetails CALL = new CallDetails("alice", "bot", "cid-1", Instant.EPOCH);

    private static MediaSession session(ScriptedCallLeg leg, int minBufferMs) {
        return new MediaSession("u-1", CALL, leg, new InjectSettings(1000, minBufferMs, true, 200), 0);
    }

    private static void tick(MediaSession s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            s.onTick(i * TICK);
        }
    }

    @Test
    void parkedSessionPlaysSilenceAndCapturesNothing() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 1000);
        MediaSession s = session(leg, 0);
        tick(s, 0, 10);
        assertThat(leg.written()).hasSize(1600).containsOnly((short) 0);
        assertThat(s.state()).isEqualTo(SessionState.PARKED);
        assertThat(s.health(10 * TICK).capture().framesSent()).isZero();
    }

    @Test
    void monoCaptureIsTheCallerResampledToTheStreamRate() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) ((i * 37) % 2000 - 1000));
        MediaSession s = session(leg, 0);
        RecordingStreamTarget target = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 16000, target, InjectListener.NONE, s.injectSettings().minBufferMs());
        tick(s, 0, 50);

        short[] caller = new short[8000];
        for (int i = 0; i < caller.length; i++) {
            caller[i] = (short) ((i * 37) % 2000 - 1000);
        }
        PolyphaseResampler reference = PolyphaseResampler.create(8000, 16000, PolyphaseResampler.Quality.STANDARD);
        short[] expected = new short[reference.maxOutput(8000)];
        int n = reference.process(caller, 0, 8000, expected, 0);
        assertThat(target.frames).isEqualTo(50);
        assertThat(target.samples()).hasSize(16000).containsExactly(java.util.Arrays.copyOf(expected, n));
    }

    @Test
    void stereoCaptureInterleavesCallerLeftAndPlayedRight() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 500);
        MediaSession s = session(leg, 0);
        RecordingStreamTarget target = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.STEREO, 8000, target, InjectListener.NONE, s.injectSettings().minBufferMs());
        short[] played = new short[160];
        java.util.Arrays.fill(played, (short) -700);
        new InjectWriter(s.injectBuffer()).writeMono(played, 160, 8000, 0);
        tick(s, 0, 2);
        short[] out = target.samples();
        assertThat(out).hasSize(640);
        for (int i = 0; i < 160; i++) {
            assertThat(out[2 * i]).isEqualTo((short) 500);
            assertThat(out[2 * i + 1]).isEqualTo((short) -700);
        }
        assertThat(out[320 + 1]).isZero();
    }

    @Test
    void injectedAudioAtAnotherRateIsPlayedAtTheCodecRate() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 0);
        MediaSession s = session(leg, 0);
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        byte[] l16 = new byte[2 * 1600 * 2];   // 100 ms of 16 kHz stereo
        for (int i = 0; i < 1600; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / 16000.0) * 8000);
            l16[4 * i] = (byte) v;
            l16[4 * i + 1] = (byte) (v >> 8);
            l16[4 * i + 2] = (byte) v;
            l16[4 * i + 3] = (byte) (v >> 8);
        }
        int queued = new InjectWriter(s.injectBuffer()).writeL16(l16, 0, l16.length, 16000, 2, 0);
        assertThat(queued).isBetween(790, 800);
        tick(s, 0, 10);
        short[] written = leg.written();
        double energy = 0;
        for (int i = 100; i < 700; i++) {
            energy += written[i] * (double) written[i];
        }
        double rms = Math.sqrt(energy / 600);
        assertThat(rms).isBetween(8000 / Math.sqrt(2) * 0.95, 8000 / Math.sqrt(2) * 1.05);
    }

    @Test
    void secondStartIsRefusedAndStopParksTheSession() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 0);
        RecordingStreamTarget first = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, first, InjectListener.NONE, s.injectSettings().minBufferMs());
        assertThatThrownBy(() -> s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs()))
                .isInstanceOf(IllegalStateException.class).hasMessage("session u-1 is streaming (ws); stop it first");
        assertThat(s.stopStreaming("bye")).isTrue();
        assertThat(first.closes).isEqualTo(1);
        assertThat(first.finalText).isEqualTo("bye");
        assertThat(s.state()).isEqualTo(SessionState.PARKED);
        assertThat(s.stopStreaming(null)).isFalse();
    }

    @Test
    void aTargetsPrebufferHoldsWhileItStreamsAndTheSessionsOwnReturnsAfterStop() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 60);
        short[] answer = new short[200];
        Arrays.fill(answer, (short) 7);
        s.startStreaming(StreamMode.AI, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, 20);
        s.injectBuffer().write(answer, 0, answer.length, 0);
        short[] out = new short[160];
        assertThat(s.injectBuffer().read(out, 0, 160)).as("20 ms prebuffer: plays at once").isEqualTo(160);
        s.stopStreaming(null);
        s.injectBuffer().write(answer, 0, answer.length, 0);
        assertThat(s.injectBuffer().read(out, 0, 160)).as("back to the session's prebuffer").isZero();
    }

    @Test
    void pausedSessionDropsCapturedFrames() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 1), 0);
        RecordingStreamTarget target = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, target, InjectListener.NONE, s.injectSettings().minBufferMs());
        tick(s, 0, 5);
        assertThat(s.pause()).isTrue();
        tick(s, 5, 5);
        assertThat(s.resume()).isTrue();
        tick(s, 10, 5);
        assertThat(target.frames).isEqualTo(10);
    }

    @Test
    void aLongPauseIsNotACaptureStallButAStoppedClockStillIs() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 1), 0);
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        tick(s, 0, 5);
        s.pause();
        tick(s, 5, 300);   // 6 s paused, the clock ticking
        assertThat(s.health(305 * TICK).health()).as("paused 6 s").isEqualTo("HEALTHY");
        assertThat(s.health(305 * TICK + 5_001_000_000L).health()).as("paused, clock stopped 5 s").isEqualTo("UNHEALTHY");
        s.resume();
        assertThat(s.health(305 * TICK).health()).as("just resumed").isEqualTo("HEALTHY");
    }

    @ParameterizedTest
    @ValueSource(ints = {11025, 12000, 44100, 64000, 96000, 8001})
    void injectedAudioAtAnyRateUpTo96KHzIsPlayedAtTheCodecRate(int rate) {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 0);
        MediaSession s = session(leg, 0);
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        short[] tone = new short[rate / 5];   // 200 ms of 1 kHz
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (Math.sin(2 * Math.PI * 1000 * i / rate) * 8000);
        }
        int queued = new InjectWriter(s.injectBuffer()).writeMono(tone, tone.length, rate, 0);
        assertThat(queued).as("200 ms at 8 kHz").isBetween(1580, 1600);
        tick(s, 0, 10);
        short[] written = leg.written();
        double energy = 0;
        int crossings = 0;
        for (int i = 200; i < 1400; i++) {
            energy += written[i] * (double) written[i];
            crossings += (written[i - 1] < 0) != (written[i] < 0) ? 1 : 0;
        }
        assertThat(Math.sqrt(energy / 1200)).isBetween(8000 / Math.sqrt(2) * 0.95, 8000 / Math.sqrt(2) * 1.05);
        assertThat(crossings).as("zero crossings of 1 kHz in 150 ms").isBetween(298, 302);
    }

    @Test
    void closeHappensExactlyOnceAndClosesTheTarget() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 0);
        RecordingStreamTarget target = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, target, InjectListener.NONE, s.injectSettings().minBufferMs());
        assertThat(s.close()).isTrue();
        assertThat(s.close()).isFalse();
        assertThat(target.closes).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.CLOSING);
    }

    @Test
    void healthFollowsTheSeedRules() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 0);
        RecordingStreamTarget target = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, target, InjectListener.NONE, s.injectSettings().minBufferMs());
        tick(s, 0, 100);
        SessionHealth h = s.health(100 * TICK);
        assertThat(h.health()).isEqualTo("HEALTHY");
        assertThat(h.mode()).isEqualTo("ws");
        assertThat(h.capture().framesSent()).isEqualTo(100);

        target.dropped = 2;   // 2 % of frames dropped by the send queue
        assertThat(s.health(100 * TICK).health()).isEqualTo("DEGRADED");
        target.dropped = 0;

        assertThat(s.health(100 * TICK + 5_001_000_000L).health()).isEqualTo("UNHEALTHY");
        s.markError();
        assertThat(s.health(100 * TICK).health()).isEqualTo("UNHEALTHY");
    }

    @Test
    void aLiveStreamsStandingBacklogIsTrimmedBackAndAiAudioQueuedAheadIsLeftAlone() {
        for (StreamMode mode : new StreamMode[] {StreamMode.AI, StreamMode.WS}) {
            MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 60);
            s.startStreaming(mode, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
            InjectWriter app = new InjectWriter(s.injectBuffer());
            app.writeMono(new short[3200], 3200, 8000, 0);   // 400 ms at once, then one frame per tick
            for (int i = 0; i < 100; i++) {
                app.writeMono(new short[160], 160, 8000, 0);
                s.onTick(i * TICK);
            }
            SessionHealth h = s.health(100 * TICK);
            if (mode == StreamMode.AI) {   // no trimming and no verdict: the playout feeder writes ahead on purpose
                assertThat(h.inject().standingMs()).as("AI").isGreaterThan(200);
                assertThat(h.health()).as("AI").isEqualTo("HEALTHY");
            } else {
                assertThat(h.inject().standingMs()).as("WS").isLessThanOrEqualTo(80);
                assertThat(h.inject().trimmedMs()).as("WS").isGreaterThanOrEqualTo(300);
                assertThat(h.health()).as("WS").isEqualTo("HEALTHY");
            }
        }
    }

    @Test
    void aStartAfterTheStreamFailedReplacesTheFailedTarget() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 0);
        RecordingStreamTarget failed = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, failed, InjectListener.NONE, s.injectSettings().minBufferMs());
        s.markError();
        RecordingStreamTarget retry = new RecordingStreamTarget();
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, retry, InjectListener.NONE, s.injectSettings().minBufferMs());
        assertThat(failed.closes).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.STREAMING);
        assertThat(s.target()).containsSame(retry);
        assertThatThrownBy(() -> s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(),
                InjectListener.NONE, s.injectSettings().minBufferMs())).hasMessageContaining("is streaming (ws); stop it first");
    }

    @Test
    void anOverflowOfAStoppedStreamNoLongerDegradesTheSession() {
        MediaSession s = session(new ScriptedCallLeg(8000, i -> (short) 0), 0);
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        new InjectWriter(s.injectBuffer()).writeMono(new short[16000], 16000, 8000, 0);   // 2 s into a 1 s buffer
        tick(s, 0, 10);
        assertThat(s.health(10 * TICK).health()).isEqualTo("DEGRADED");
        assertThat(s.health(10 * TICK).inject().overflowCount()).isEqualTo(1);
        s.stopStreaming(null);
        assertThat(s.health(10 * TICK).health()).isEqualTo("HEALTHY");
        assertThat(s.health(10 * TICK).inject().overflowCount()).isZero();
    }

    @Test
    void tickAllocatesNothingInSteadyState() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) (i % 300));
        leg.recordWrites = false;
        MediaSession s = session(leg, 0);
        s.startStreaming(StreamMode.WS, MixMode.MIXED, 16000, new StreamTarget() {
            long sum;

            @Override
            public void onCapturedFrame(short[] pcm, int samples, long nowNanos) {
                sum += pcm[0];
            }

            @Override
            public long framesDropped() {
                return 0;
            }

            @Override
            public void close(String finalText) {
            }
        }, InjectListener.NONE, s.injectSettings().minBufferMs());
        InjectWriter writer = new InjectWriter(s.injectBuffer());
        short[] reply = new short[160];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            writer.writeMono(reply, 160, 8000, i * TICK);
            s.onTick(i * TICK);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 20_000; i < 30_000; i++) {
            writer.writeMono(reply, 160, 8000, i * TICK);
            s.onTick(i * TICK);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated over 10,000 ticks").isLessThan(1024);
    }
}

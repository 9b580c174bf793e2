package org.audiostream.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Schema;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.media.InjectListener;
import org.audiostream.media.MixMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdogs of seed §5.1 and §8.3, driven tick by tick on a manual clock. */
class SessionHousekeepingTest {

    private static final long TICK = 20_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final CallDetails CALL = new CallDetails("alice", "bot", "cid-1", Instant.EPOCH);

    private final EventBus bus = new EventBus();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final SessionRegistry registry = new SessionRegistry();
    private final EffectiveConfig config = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(), "test").orThrow();
    private final SessionHousekeeping housekeeping = new SessionHousekeeping(registry, bus, uuid -> config);
    private long now;

    SessionHousekeepingTest() {
        bus.subscribe(EventFilter.ALL, events::add);
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    /** Ticks for {@code seconds} and runs the housekeeping once per second, as the gateway does. */
    private void run(MediaSession s, int seconds) {
        for (int sec = 0; sec < seconds; sec++) {
            for (int i = 0; i < 50; i++) {
                s.onTick(now);
                now += TICK;
            }
            housekeeping.run(now);
        }
    }

    private List<String> watchdogs() {
        await().atMost(Duration.ofSeconds(2)).until(() -> bus.publishedCount() == events.size());
        return events.stream().filter(e -> e.subclass().equals("mod_audio_stream::watchdog")).map(Event::body).toList();
    }

    private MediaSession answeredSession(ScriptedCallLeg leg) {
        MediaSession s = new MediaSession("u-1", CALL, leg, new InjectSettings(1000, 0, true, 200), now);
        registry.add(s);
        s.callAnswered();
        return s;
    }

    @Test
    void aCallerWhoseAudioStopsTripsTheInputWatchdogAndItsRecoveryIsReported() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 100);
        MediaSession s = answeredSession(leg);
        run(s, 2);
        leg.silent = true;
        run(s, 4);
        assertThat(s.health(now).health()).as("4 s without caller audio is not yet a stall").isEqualTo("HEALTHY");
        assertThat(watchdogs()).isEmpty();

        run(s, 2);
        SessionHealth h = s.health(now);
        assertThat(h.health()).isEqualTo("UNHEALTHY");
        assertThat(h.capture().callerSilentMs()).isGreaterThan(SessionHealth.STALL_MS);
        assertThat(watchdogs()).singleElement().asString().contains("\"watchdog\":\"capture_input_stalled\"");

        leg.silent = false;
        run(s, 1);
        assertThat(s.health(now).health()).isEqualTo("HEALTHY");
        assertThat(watchdogs()).hasSize(2).last().asString().contains("\"watchdog\":\"capture_input_resumed\"");
    }

    @Test
    void holdIsAPauseNotAStall() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 100);
        MediaSession s = answeredSession(leg);
        leg.silent = true;
        leg.expectingAudio = false;   // a sendonly or inactive re-INVITE
        run(s, 9);
        assertThat(s.health(now).health()).isEqualTo("HEALTHY");
        assertThat(watchdogs()).isEmpty();

        leg.expectingAudio = true;    // taken off hold, and still nothing arrives
        run(s, 6);
        assertThat(watchdogs()).singleElement().asString().contains("capture_input_stalled");
    }

    @Test
    void beforeTheAnswerNoAudioIsOwed() {
        ScriptedCallLeg leg = new ScriptedCallLeg(8000, i -> (short) 100);
        leg.silent = true;
        MediaSession s = new MediaSession("u-1", CALL, leg, new InjectSettings(1000, 0, true, 200), now);
        registry.add(s);
        run(s, 8);
        assertThat(s.health(now).health()).isEqualTo("HEALTHY");
        assertThat(watchdogs()).isEmpty();
    }

    @Test
    void aStoppedMediaClockIsStillCaught() {
        MediaSession s = answeredSession(new ScriptedCallLeg(8000, i -> (short) 100));
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        run(s, 1);
        now += 6 * SECOND;   // no tick at all
        housekeeping.run(now);
        assertThat(watchdogs()).anySatisfy(b -> assertThat(b).contains("\"watchdog\":\"capture_stalled\""));
        run(s, 1);
        assertThat(watchdogs()).anySatisfy(b -> assertThat(b).contains("\"watchdog\":\"capture_resumed\""));
    }

    @Test
    void anOverflowLastingOver30SecondsIsAnErrorWithAnEventOnce() {
        MediaSession s = answeredSession(new ScriptedCallLeg(8000, i -> (short) 100));
        s.startStreaming(StreamMode.WS, MixMode.MONO, 8000, new RecordingStreamTarget(), InjectListener.NONE, s.injectSettings().minBufferMs());
        InjectWriter writer = new InjectWriter(s.injectBuffer());
        short[] tooMuch = new short[16000];   // 2 s of audio a second into a 1 s buffer: one overflow a second
        for (int sec = 0; sec < 33; sec++) {
            writer.writeMono(tooMuch, tooMuch.length, 8000, now);
            run(s, 1);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> bus.publishedCount() == events.size());
        assertThat(events).filteredOn(e -> e.subclass().equals("mod_audio_stream::inject_overflow"))
                .singleElement().extracting(Event::body).asString().contains("\"persistent\":true");
    }
}

package org.audiostream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {

    @Test
    void subscribersGetMatchingEventsInOrderAndASubscriberThatThrowsIsKept() {
        try (EventBus bus = new EventBus()) {
            List<String> all = new CopyOnWriteArrayList<>();
            List<String> ws = new CopyOnWriteArrayList<>();
            bus.subscribe(EventFilter.ALL, e -> {
                all.add(e.subclass());
                if (e.subclass().equals("boom")) {
                    throw new IllegalStateException("subscriber bug");
                }
            });
            bus.subscribe(new EventFilter(Set.of("mod_audio_stream::"), Set.of("u1")), e -> ws.add(e.subclass()));
            bus.publish(Event.json("mod_audio_stream::connect", "u1", "{}"));
            bus.publish(Event.json("boom", "u1", "{}"));
            bus.publish(Event.json("mod_audio_stream::connect", "u2", "{}"));
            bus.publish(Event.json("call::hangup", "u1", "{}"));
            bus.publish(Event.json("mod_audio_stream::disconnect", "u1", "{}"));
            await().until(() -> all.size() == 5);
            assertThat(all).containsExactly("mod_audio_stream::connect", "boom", "mod_audio_stream::connect",
                    "call::hangup", "mod_audio_stream::disconnect");
            assertThat(ws).containsExactly("mod_audio_stream::connect", "mod_audio_stream::disconnect");
        }
    }

    @Test
    void closeDeliversWhatWasQueuedThenStopsTheThread() {
        List<String> got = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(EventFilter.ALL, e -> got.add(e.body()));
        for (int i = 0; i < 1000; i++) {
            bus.publish(Event.json("x", null, Integer.toString(i)));
        }
        bus.close();
        assertThat(got).hasSize(1000);
    }
}

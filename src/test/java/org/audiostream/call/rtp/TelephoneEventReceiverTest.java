package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {

    private static final long MS = 1_000_000L;

    private final List<String> digits = new ArrayList<>();
    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver(8000,
            TelephoneEventReceiver.DEFAULT_END_TIMEOUT_NANOS, (digit, durationMs) -> digits.add(digit + "/" + durationMs));
    private final ByteBuffer payload = ByteBuffer.allocate(16);

    private void packet(int timestamp, int event, boolean end, int duration, long nowMs) {
        payload.put(2, (byte) event);
        payload.put(3, (byte) ((end ? 0x80 : 0) | 10)); // volume -10 dBm0
        payload.putShort(4, (short) duration);
        receiver.onPacket(timestamp, payload, 2, 4, nowMs * MS);
    }

    @Test
    void reportsARealSequenceOnceWithTheFinalDuration() {
        int ts = 0x7FFF_FF00;
        // RFC 4733 §2.5.1: start packet (sent three times), updates every 50 ms, end packet three times
        packet(ts, 5, false, 160, 0);
        packet(ts, 5, false, 160, 0);
        packet(ts, 5, false, 160, 0);
        packet(ts, 5, false, 560, 50);
        packet(ts, 5, false, 960, 100);
        packet(ts, 5, false, 1360, 150);
        packet(ts, 5, true, 1600, 200);
        packet(ts, 5, true, 1600, 200);
        packet(ts, 5, true, 1600, 200);
        receiver.onTick(2000 * MS);

        assertThat(digits).containsExactly("5/200");
        assertThat(receiver.digits()).isEqualTo(1);
    }

    @Test
    void reportsAnEventWhoseEndWasLostWhenTheNextOneStarts() {
        packet(1000, 11, false, 400, 0);
        packet(1000, 11, false, 800, 50);
        packet(5000, 1, false, 400, 400);

        assertThat(digits).containsExactly("#/100");
    }

    @Test
    void reportsAnEventWhoseEndWasLostAfterTheTimeout() {
        packet(1000, 12, false, 400, 0);
        packet(1000, 12, false, 800, 50);
        receiver.onTick(549 * MS);
        assertThat(digits).isEmpty();

        receiver.onTick(550 * MS);
        packet(1000, 12, true, 1200, 560); // the end arriving after all: already reported
        receiver.onTick(2000 * MS);

        assertThat(digits).containsExactly("A/100");
    }

    @Test
    void ignoresStragglersOfAnEarlierEvent() {
        packet(1000, 0, true, 800, 0);
        packet(2000, 9, true, 800, 300);
        packet(1000, 0, true, 800, 310);

        assertThat(digits).containsExactly("0/100", "9/100");
    }

    @Test
    void mapsEverySymbolIncludingFlash() {
        for (int event = 0; event <= 16; event++) {
            packet(event * 10_000, event, true, 80, event * 100L);
        }

        assertThat(String.join(" ", digits)).isEqualTo(
                "0/10 1/10 2/10 3/10 4/10 5/10 6/10 7/10 8/10 9/10 */10 #/10 A/10 B/10 C/10 D/10 !/10");
    }

    @Test
    void countsEventsThatAreNotDigitsAndShortPayloads() {
        packet(1000, 70, true, 800, 0); // a tone event, not DTMF

        assertThat(receiver.onPacket(2000, payload, 2, 3, 0)).isFalse();
        assertThat(digits).isEmpty();
        assertThat(receiver.unsupportedEvents()).isEqualTo(1);
        assertThat(receiver.invalidPayloads()).isEqualTo(1);
    }
}

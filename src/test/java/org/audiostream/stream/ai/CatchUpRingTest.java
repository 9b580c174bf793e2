package org.audiostream.stream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatchUpRingTest {

    private static byte[] message(int tag) {
        return new byte[] {(byte) tag, 0, 0, 0};
    }

    @Test
    void keepsTheNewestAudioAndCountsWhatItDrops() {
        CatchUpRing ring = new CatchUpRing(120, 40, 4);
        for (int i = 1; i <= 5; i++) {
            ring.add(message(i));
        }
        assertThat(ring.bufferedMs()).isEqualTo(120);
        assertThat(ring.droppedMessages()).isEqualTo(2);
        assertThat(ring.oldest()[0]).isEqualTo((byte) 3);
        ring.removeOldest();
        assertThat(ring.oldest()[0]).isEqualTo((byte) 4);
        ring.removeOldest();
        ring.removeOldest();
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.bufferedMs()).isZero();
    }

    @Test
    void noCapacityKeepsNothing() {
        CatchUpRing ring = new CatchUpRing(0, 40, 4);
        ring.add(message(1));
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.droppedMessages()).isEqualTo(1);
    }
}

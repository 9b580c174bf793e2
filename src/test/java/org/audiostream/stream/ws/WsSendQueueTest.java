package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class WsSendQueueTest {

    private final UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void boundedFifoThatCopiesOnOffer() {
        WsSendQueue queue = new WsSendQueue(3, 4);
        byte[] src = {1, 2, 3, 4, 5};
        assertThat(queue.offer(src, 0, 4)).isTrue();
        src[0] = 9; // the queue holds a copy
        assertThat(queue.offer(src, 1, 2)).isTrue();
        assertThat(queue.offer(src, 0, 0)).isTrue();
        assertThat(queue.offer(src, 0, 1)).as("4th frame: full").isFalse();
        ByteBuf first = queue.poll(alloc);
        assertThat(bytes(first)).containsExactly(1, 2, 3, 4);
        assertThat(queue.offer(src, 0, 1)).as("a slot came back").isTrue();
        assertThat(bytes(queue.poll(alloc))).containsExactly(2, 3);
        assertThat(queue.poll(alloc).readableBytes()).isZero();
        assertThat(bytes(queue.poll(alloc))).containsExactly(9);
        assertThat(queue.poll(alloc)).isNull();
        assertThat(queue.hasFrames()).isFalse();
    }

    @Test
    void clearReturnsEverySlot() {
        WsSendQueue queue = new WsSendQueue(2, 4);
        queue.offer(new byte[4], 0, 4);
        queue.offer(new byte[4], 0, 4);
        assertThat(queue.clear()).isEqualTo(2);
        assertThat(queue.offer(new byte[4], 0, 4)).isTrue();
        assertThat(queue.offer(new byte[4], 0, 4)).isTrue();
    }

    @Test
    void oversizeFrameIsAWiringBug() {
        WsSendQueue queue = new WsSendQueue(2, 4);
        assertThatThrownBy(() -> queue.offer(new byte[5], 0, 5))
                .hasMessage("audio frame rejected: length=5 bytes > maxFrameBytes=4");
    }

    @Test
    void offerAndDropAllocateNothing() {
        WsSendQueue queue = new WsSendQueue(8, 640);
        byte[] frame = new byte[640];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            queue.offer(frame, 0, 640);
            if (i % 10 == 0) {
                queue.clear();
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            queue.offer(frame, 0, 640); // mostly full: the drop path
            if (i % 10 == 0) {
                queue.clear();
            }
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1024);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        buf.release();
        return out;
    }
}

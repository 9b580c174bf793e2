package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parked drain tasks run on their loop only when the tick wakes it, all of them in one task. */
class DrainWakeupsTest {

    @Test
    void parkedDrainsRunOnlyAtTheWakeUpAndEachOnce() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop loop = group.next();
            DrainWakeups wakeups = DrainWakeups.perTick();
            LoopDrainBatch batch = wakeups.batchFor(loop);
            assertThat(wakeups.batchFor(loop)).isSameAs(batch);
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger onLoop = new AtomicInteger();
            for (int i = 0; i < 100; i++) {
                batch.offer(() -> {
                    ran.incrementAndGet();
                    if (loop.inEventLoop()) {
                        onLoop.incrementAndGet();
                    }
                });
            }
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertThat(ran).as("before the wake-up").hasValue(0);

            wakeups.wakeAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 100);
            wakeups.wakeAll();
            loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertThat(ran).hasValue(100);
            assertThat(onLoop).hasValue(100);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void immediateWakeUpsHaveNoBatch() {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(DrainWakeups.IMMEDIATE.batchFor(group.next())).isNull();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}

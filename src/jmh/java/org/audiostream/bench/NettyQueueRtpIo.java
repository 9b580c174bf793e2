package org.audiostream.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * Design B: one Netty NIO event loop owns every call's {@link NioDatagramChannel} and offers each
 * received datagram's (pooled) buffer to the call's lock-free SPSC queue; the tick thread drains
 * the queues and sends one packet per call with {@code writeAndFlush}, which Netty hands to the
 * event loop as a task. With {@code -Drtpio.nettyBatchedSends=true} (a diagnostic, not a row of its
 * own) the tick thread instead hands the event loop one task per tick that does every call's send.
 *
 * <p>Threads: the event loop produces into the queues, the tick thread consumes them and writes;
 * a full queue drops the datagram on the event loop (counted in {@link #queueDrops}).
 */
final class NettyQueueRtpIo extends RtpIoDesign {

    private static final int QUEUE_CAPACITY = 32;
    /** Diagnostic variant: one event-loop task per tick does all the sends (one hand-off per tick). */
    private static final boolean BATCHED_SENDS = Boolean.getBoolean("rtpio.nettyBatchedSends");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final List<SpscAtomicArrayQueue<ByteBuf>> queues = new ArrayList<>();
    private final LongAdder queueDrops = new LongAdder();
    private final byte[] payload = new byte[2048];
    private final byte[] outgoingPayload = new byte[PAYLOAD_LENGTH];
    private long checksum;
    private long eventLoopThreadId;

    NettyQueueRtpIo() {
        super(BATCHED_SENDS ? "B netty loop + SPSC, batched sends" : "B netty loop + SPSC");
    }

    @Override
    List<InetSocketAddress> bind(int n) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class);
        List<InetSocketAddress> addresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SpscAtomicArrayQueue<ByteBuf> queue = new SpscAtomicArrayQueue<>(QUEUE_CAPACITY);
            Channel channel = bootstrap.clone().handler(new Enqueuer(queue))
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            channels.add(channel);
            queues.add(queue);
            addresses.add((InetSocketAddress) channel.localAddress());
        }
        try {
            eventLoopThreadId = group.next().submit(() -> Thread.currentThread().threadId()).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("event loop thread id", e);
        }
        return addresses;
    }

    @Override
    List<Long> extraThreadIds() {
        return List.of(eventLoopThreadId);
    }

    @Override
    long tick(int tickIndex) {
        long rx = 0;
        for (int i = 0; i < peers.length; i++) {
            SpscAtomicArrayQueue<ByteBuf> queue = queues.get(i);
            ByteBuf datagram;
            while ((datagram = queue.poll()) != null) {
                int length = datagram.readableBytes();
                datagram.getBytes(datagram.readerIndex() + 12, payload, 0, length - 12);
                checksum += datagram.getShort(datagram.readerIndex() + 2);
                datagram.release();
                rx++;
            }
            if (!BATCHED_SENDS) {
                send(i, tickIndex);
            }
        }
        if (BATCHED_SENDS) {
            group.next().execute(() -> {
                for (int i = 0; i < peers.length; i++) {
                    send(i, tickIndex);
                }
            });
        }
        return rx | (long) peers.length << 32;
    }

    /** Sends call {@code i}'s packet; from the tick thread, Netty hands the write to the event loop. */
    private void send(int i, int tickIndex) {
        Channel channel = channels.get(i);
        ByteBuf packet = channel.alloc().directBuffer(PACKET_LENGTH);
        packet.writeByte(0x80).writeByte(0).writeShort(tickIndex).writeInt(tickIndex * 160).writeInt(i)
                .writeBytes(outgoingPayload);
        channel.writeAndFlush(new DatagramPacket(packet, peers[i]), channel.voidPromise());
    }

    long queueDrops() {
        return queueDrops.sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (Channel channel : channels) {
            channel.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        for (SpscAtomicArrayQueue<ByteBuf> queue : queues) {
            ByteBuf left;
            while ((left = queue.poll()) != null) {
                left.release();
            }
        }
    }

    @Override
    public String toString() {
        return name() + " (checksum " + checksum + ", queue drops " + queueDrops() + ")";
    }

    /** Offers each received datagram's buffer to one call's queue. Threads: the event loop. */
    private final class Enqueuer extends ChannelInboundHandlerAdapter {
        private final SpscAtomicArrayQueue<ByteBuf> queue;

        Enqueuer(SpscAtomicArrayQueue<ByteBuf> queue) {
            this.queue = queue;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf content = ((DatagramPacket) msg).content();
            if (!queue.offer(content)) {
                content.release();
                queueDrops.increment();
            }
        }
    }
}

package org.audiostream.control;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * One event stream client: a bounded queue between the bus and the connection. The bus's dispatcher
 * offers each event; the connection's event loop writes them while the socket takes more (it stops at the
 * write-buffer high-water mark and goes on when the socket drains). When the queue is full the client has
 * fallen behind: it is unsubscribed at once, gets a final message (an {@code audio_stream::overflow} event,
 * or a WebSocket close 1008) after what it was already sent, and is disconnected once that is written or
 * after {@value #FINAL_MESSAGE_GRACE_SECONDS} s; every event it missed is counted in the bus's dropped
 * count. A WebSocket
 * client's pings are answered and its close is honoured; the stream is one-way. At shutdown {@link #end}
 * delivers what is queued before the stream ends.
 *
 * <p>Threads: {@link #accept} on the bus's dispatcher thread (the queue's single producer); everything
 * else on the connection's event loop (the single consumer).
 */
final class EventStreamSubscriber extends ChannelInboundHandlerAdapter implements Consumer<Event> {

    private static final Log LOG = Log.of(Component.API);
    static final int FINAL_MESSAGE_GRACE_SECONDS = 5;
    private static final RateLimitedLog BEHIND_LOG = new RateLimitedLog(EventStreams.LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    /**
     * How events go on the wire.
     *
     * @param event one event as an outbound message
     * @param overflow the final message when the client fell behind, given the number of events it missed
     * @param end the last message when the server shuts down (the SSE response's last chunk, a WebSocket 1001)
     * @param handshaker the WebSocket handshaker (close handling), or {@code null} for Server-Sent Events
     */
    record Format(Function<Event, Object> event, LongFunction<Object> overflow, Supplier<Object> end,
                  WebSocketServerHandshaker handshaker) {}

    private final Channel channel;
    private final EventBus bus;
    private final Format format;
    private final SpscAtomicArrayQueue<Event> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean behind;
    private volatile EventBus.Subscription subscription;

    EventStreamSubscriber(Channel channel, EventBus bus, int capacity, Format format) {
        this.channel = channel;
        this.bus = bus;
        this.format = format;
        this.queue = new SpscAtomicArrayQueue<>(capacity);
    }

    /** The bus subscription that feeds this client; closed as soon as the client falls behind. */
    void subscribed(EventBus.Subscription s) {
        this.subscription = s;
    }

    @Override
    public void accept(Event event) {
        if (behind) {
            missed();
            return;
        }
        if (!queue.offer(event)) {
            behind = true;
            missed();
            channel.eventLoop().execute(this::disconnectBehind);
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void missed() {
        dropped.incrementAndGet();
        bus.countSubscriberDrop();
    }

    /** Writes queued events while the connection takes them. */
    private void drain() {
        drainScheduled.set(false);
        if (behind || !channel.isActive()) {
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            Event e = queue.poll();
            if (e == null) {
                break;
            }
            channel.write(format.event().apply(e));
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /**
     * Ends the stream at shutdown: everything queued is written (the socket's back-pressure no longer
     * matters, the queue is bounded), then the format's last message; the connection closes once that is
     * flushed. The returned future completes when it is closed.
     */
    ChannelFuture end() {
        channel.eventLoop().execute(() -> {
            if (behind || !channel.isActive()) {
                return;
            }
            for (Event e = queue.poll(); e != null; e = queue.poll()) {
                channel.write(format.event().apply(e));
            }
            channel.writeAndFlush(format.end().get()).addListener(ChannelFutureListener.CLOSE);
        });
        return channel.closeFuture();
    }

    private void disconnectBehind() {
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        if (!channel.isActive()) {
            return;
        }
        queue.clear();
        SecurityEvent.EVENT_SUBSCRIBER_REFUSED.count();
        long suppressed = BEHIND_LOG.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(null, "event_stream", "disconnected", "remote", channel.remoteAddress(), "reason", "fell behind",
                    "queue", queue.capacity(), "events_dropped", dropped.get(), "suppressed", suppressed);
        }
        channel.writeAndFlush(format.overflow().apply(dropped.get())).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), FINAL_MESSAGE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (format.handshaker() == null) {
                return;    // Server-Sent Events: the client has nothing more to say
            }
            if (msg instanceof CloseWebSocketFrame close) {
                format.handshaker().close(ctx.channel(), close.retain());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}

package org.audiostream.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * Closes a connection whose message has started but is not complete within a deadline, so that a slow
 * sender (one byte a minute) cannot hold a connection and its buffer forever. The decoder of the
 * connection says when a message is partly read ({@link #started}) and when nothing is pending
 * ({@link #finished}); the deadline runs from the first byte of the message. Each expiry is counted and
 * logged at most once per {@value #LOG_INTERVAL_SECONDS} s per listener.
 *
 * <p>Threads: one instance per connection, confined to its event loop; the shared {@link Expiry} is
 * thread-safe.
 */
public final class MessageDeadline {

    private static final int LOG_INTERVAL_SECONDS = 5;

    /** What an expiry counts as and how it is logged; one per listener. */
    public static final class Expiry {
        private final String listener;
        private final Duration timeout;
        private final SecurityEvent event;
        private final Log log;
        private final RateLimitedLog expiredLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

        public Expiry(String listener, Duration timeout, SecurityEvent event, Component component) {
            this.listener = listener;
            this.timeout = timeout;
            this.event = event;
            this.log = Log.of(component);
        }

        public Duration timeout() {
            return timeout;
        }

        void expired(ChannelHandlerContext ctx) {
            event.count();
            long suppressed = expiredLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                log.warn(null, listener + "_message", "timed_out", "remote", ctx.channel().remoteAddress(), "timeout_ms",
                        timeout.toMillis(), "reason", "message not complete in time", "suppressed", suppressed);
            }
            ctx.close();
        }
    }

    private final Expiry expiry;
    private ScheduledFuture<?> timer;

    public MessageDeadline(Expiry expiry) {
        this.expiry = expiry;
    }

    /** Part of a message has arrived: starts the deadline unless it is already running. */
    public void started(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expiry.expired(ctx), expiry.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** No message is pending any more: stops the deadline. */
    public void finished() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}

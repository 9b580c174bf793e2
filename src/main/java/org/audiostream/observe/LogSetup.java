package org.audiostream.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback in code from the two settings {@code AUDIO_STREAM_LOG_FORMAT} and
 * {@code AUDIO_STREAM_LOG_LEVEL}: one console appender (text or JSON) behind an
 * {@link AsyncAppender} that never blocks the caller (a full queue drops the event rather than
 * stall a media thread).
 *
 * <p>Threads: call once at start-up, before the gateway starts its threads.
 */
public final class LogSetup {

    static final int QUEUE_SIZE = 8192;

    private LogSetup() {}

    public static void configure(LogFormat format, LogLevel level, boolean toStderr) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget(toStderr ? "System.err" : "System.out");
        console.setEncoder(encoder(context, format));
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        if (level == LogLevel.NOTICE) {
            async.addFilter(new NoticeOnlyFilter());
        }
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(logbackLevel(level));
        root.addAppender(async);
        // Netty and friends are chatty at INFO/DEBUG; their trouble shows as WARN.
        context.getLogger("io.netty").setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARN);
    }

    /** Flushes the async queue and stops the appenders; call last on shutdown. */
    public static void shutdown() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            LoggingEventCompositeJsonEncoder json = new LoggingEventCompositeJsonEncoder();
            json.setContext(context);
            StructuredJsonProvider provider = new StructuredJsonProvider();
            provider.setContext(context);
            json.getProviders().addProvider(provider);
            json.start();
            return json;
        }
        LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
        text.setContext(context);
        text.setCharset(StandardCharsets.UTF_8);
        StructuredTextLayout layout = new StructuredTextLayout();
        layout.setContext(context);
        layout.start();
        text.setLayout(layout);
        text.start();
        return text;
    }

    private static Level logbackLevel(LogLevel level) {
        return switch (level) {
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case NOTICE, INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
        };
    }

    /** At NOTICE level, keeps INFO events only when they carry the NOTICE marker. */
    static final class NoticeOnlyFilter extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (event.getLevel() != Level.INFO) {
                return FilterReply.NEUTRAL;
            }
            return event.getMarkerList() != null && event.getMarkerList().contains(Log.NOTICE)
                    ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }
}

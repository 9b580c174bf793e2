package org.audiostream.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Renders what one component logs through the product's encoder, for assertions (tests of any package).
 * Threads: lines may be appended from any thread.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder;
    private final Logger logger;
    private final Level previousLevel;
    /** The rendered lines, without line separators, in the order they were logged. */
    public final List<String> lines = new CopyOnWriteArrayList<>();

    public CapturedLog(Component component, LogFormat format, Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        encoder = LogSetup.encoder(context, format);
        logger = context.getLogger(component.loggerName());
        previousLevel = logger.getLevel();
        logger.setLevel(level);
        logger.addAppender(this);
        start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).stripTrailing());
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}

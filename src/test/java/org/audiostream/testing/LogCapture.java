package org.audiostream.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Predicate;
import org.audiostream.observe.Component;
import org.slf4j.LoggerFactory;

/**
 * Records what one component logs while it is open, for tests that count log lines (seed §9.1: fewer than
 * 10 lines a second per session). Threads: events are appended by the logging threads; read from the test.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Component component) {
        logger = (Logger) LoggerFactory.getLogger(component.loggerName());
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(Component component) {
        return new LogCapture(component);
    }

    /** Lines of session {@code uuid} whose operation and outcome ("stream_audio rejected") match. */
    public List<ILoggingEvent> lines(String uuid, String operationAndOutcome) {
        return matching(e -> e.getFormattedMessage().equals(operationAndOutcome) && uuid.equals(field(e, "session_uuid")));
    }

    public List<ILoggingEvent> matching(Predicate<ILoggingEvent> match) {
        synchronized (appender) {   // AppenderBase.doAppend holds this lock
            return appender.list.stream().filter(match).toList();
        }
    }

    /** The value of the structured field {@code name} of a line, or null. */
    public static String field(ILoggingEvent e, String name) {
        return e.getKeyValuePairs() == null ? null : e.getKeyValuePairs().stream().filter(kv -> kv.key.equals(name))
                .map(kv -> String.valueOf(kv.value)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

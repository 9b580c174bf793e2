package org.audiostream.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Structured logging in the seed's taxonomy (§1.2):
 * {@code LEVEL [session_uuid] COMPONENT operation outcome key=value…}.
 *
 * <pre>{@code
 * private static final Log LOG = Log.of(Component.INJECT);
 * LOG.warn(uuid, "buffer_overflow", "dropped", "dropped_bytes", 640, "inuse", 32000);
 * }</pre>
 *
 * Level policy (§1.3): ERROR for prevented crashes, data loss and failed connections; WARN for
 * recoverable trouble (overflow, underrun, timeout); NOTICE for state transitions; INFO for periodic
 * telemetry; DEBUG for per-frame detail (off in production). SLF4J has no NOTICE, so a NOTICE line
 * is an INFO event carrying the {@link #NOTICE} marker; {@link LogSetup} renders it as NOTICE and
 * lets {@code notice} level keep it while dropping plain INFO.
 *
 * <p>Fields are alternating name/value arguments. Values are rendered with {@code String.valueOf};
 * secrets are masked by {@link Redactor} before anything is written. Never call this per frame:
 * count instead, and report in the periodic telemetry line (§1.4).
 *
 * <p>Threads: thread-safe; never blocks (the appender is asynchronous and drops when full).
 */
public final class Log {

    public static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");

    private final Component component;
    private final Logger logger;

    private Log(Component component) {
        this.component = component;
        this.logger = LoggerFactory.getLogger(component.loggerName());
    }

    public static Log of(Component component) {
        return new Log(component);
    }

    public Component component() {
        return component;
    }

    public void error(String sessionUuid, String operation, String outcome, Object... fields) {
        emit(Level.ERROR, null, sessionUuid, operation, outcome, null, fields);
    }

    /** An ERROR line with the exception's stack trace attached. */
    public void error(String sessionUuid, String operation, String outcome, Throwable cause, Object... fields) {
        emit(Level.ERROR, null, sessionUuid, operation, outcome, cause, fields);
    }

    public void warn(String sessionUuid, String operation, String outcome, Object... fields) {
        emit(Level.WARN, null, sessionUuid, operation, outcome, null, fields);
    }

    public void notice(String sessionUuid, String operation, String outcome, Object... fields) {
        emit(Level.INFO, NOTICE, sessionUuid, operation, outcome, null, fields);
    }

    public void info(String sessionUuid, String operation, String outcome, Object... fields) {
        emit(Level.INFO, null, sessionUuid, operation, outcome, null, fields);
    }

    public void debug(String sessionUuid, String operation, String outcome, Object... fields) {
        emit(Level.DEBUG, null, sessionUuid, operation, outcome, null, fields);
    }

    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    private void emit(Level level, Marker marker, String sessionUuid, String operation, String outcome,
                      Throwable cause, Object[] fields) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields must be name/value pairs, got " + fields.length
                    + " values (" + component + " " + operation + ")");
        }
        LoggingEventBuilder event = logger.atLevel(level)
                .addKeyValue(LogFields.SESSION_UUID, sessionUuid == null ? LogFields.NO_SESSION : sessionUuid)
                .addKeyValue(LogFields.COMPONENT, component.name())
                .addKeyValue(LogFields.OPERATION, operation)
                .addKeyValue(LogFields.OUTCOME, outcome);
        if (marker != null) {
            event = event.addMarker(marker);
        }
        for (int i = 0; i < fields.length; i += 2) {
            event = event.addKeyValue(String.valueOf(fields[i]), fields[i + 1]);
        }
        if (cause != null) {
            event = event.setCause(cause);
        }
        event.log(operation + " " + outcome);
    }
}

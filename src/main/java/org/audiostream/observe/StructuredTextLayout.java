package org.audiostream.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;

/**
 * Human format: {@code 2026-11-24T05:30:00.123Z WARN   [abc-123] INJECT buffer_overflow dropped dropped_bytes=640}.
 * Values with spaces, quotes or {@code =} are double-quoted. The whole line passes through
 * {@link Redactor}.
 *
 * <p>Threads: thread-safe (stateless); runs on the async appender's worker thread.
 */
public final class StructuredTextLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        LogLine line = LogLine.of(event);
        StringBuilder sb = new StringBuilder(160);
        sb.append(Instant.ofEpochMilli(event.getTimeStamp())).append(' ');
        sb.append(line.level());
        for (int i = line.level().length(); i < 6; i++) {
            sb.append(' ');
        }
        sb.append(" [").append(line.sessionUuid()).append("] ");
        if (line.structured()) {
            sb.append(line.component()).append(' ').append(line.operation()).append(' ').append(line.outcome());
            for (KeyValuePair kv : line.fields()) {
                sb.append(' ').append(kv.key).append('=');
                appendValue(sb, String.valueOf(kv.value));
            }
        } else {
            sb.append(LogLine.shortLoggerName(event.getLoggerName())).append(' ').append(line.message());
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            sb.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(thrown));
        }
        return Redactor.redact(sb.toString()) + CoreConstants.LINE_SEPARATOR;
    }

    static void appendValue(StringBuilder sb, String value) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ' ' || c == '"' || c == '=' || c == '\t' || c == '\n';
        }
        if (!quote) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}

package org.audiostream.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;

/**
 * JSON format, one object per line:
 * {@code {"level":"WARN","ts":"…","session_uuid":"abc","component":"INJECT","operation":"buffer_overflow",
 * "outcome":"dropped","fields":{"dropped_bytes":640}}}. Lines from other libraries carry
 * {@code logger} and {@code message} instead of component/operation/outcome. Numbers and booleans
 * stay JSON numbers and booleans; every string passes through {@link Redactor}.
 *
 * <p>Threads: thread-safe (stateless); runs on the async appender's worker thread.
 */
public final class StructuredJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator json, ILoggingEvent event) {
        LogLine line = LogLine.of(event);
        json.writeStringProperty("level", line.level());
        json.writeStringProperty("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        json.writeStringProperty("session_uuid", line.sessionUuid());
        if (line.structured()) {
            json.writeStringProperty("component", line.component());
            json.writeStringProperty("operation", line.operation());
            json.writeStringProperty("outcome", line.outcome());
        } else {
            json.writeStringProperty("logger", event.getLoggerName());
            json.writeStringProperty("message", Redactor.redact(line.message()));
        }
        json.writeName("fields");
        json.writeStartObject();
        for (KeyValuePair kv : line.fields()) {
            json.writeName(kv.key);
            writeValue(json, kv.value);
        }
        json.writeEndObject();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            json.writeStringProperty("stack_trace", Redactor.redact(ThrowableProxyUtil.asString(thrown)));
        }
    }

    private static void writeValue(JsonGenerator json, Object value) {
        switch (value) {
            case null -> json.writeNull();
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Short s -> json.writeNumber(s);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Float f when Float.isFinite(f) -> json.writeNumber(f);
            case Boolean b -> json.writeBoolean(b);
            default -> json.writeString(Redactor.redact(String.valueOf(value)));
        }
    }
}

package org.audiostream.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * One logging event read as a structured line: level name (with NOTICE restored), session uuid,
 * component, operation, outcome and the remaining fields in the order they were given. Events from
 * code that does not use {@link Log} (Netty, libraries) have no component; they keep their message.
 * Shared by both output formats so text and JSON always agree.
 */
record LogLine(String level, String sessionUuid, String component, String operation, String outcome,
               List<KeyValuePair> fields, String message) {

    static LogLine of(ILoggingEvent event) {
        String uuid = null;
        String component = null;
        String operation = null;
        String outcome = null;
        List<KeyValuePair> fields = new ArrayList<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair kv : pairs) {
                switch (kv.key) {
                    case LogFields.SESSION_UUID -> uuid = String.valueOf(kv.value);
                    case LogFields.COMPONENT -> component = String.valueOf(kv.value);
                    case LogFields.OPERATION -> operation = String.valueOf(kv.value);
                    case LogFields.OUTCOME -> outcome = String.valueOf(kv.value);
                    default -> fields.add(kv);
                }
            }
        }
        return new LogLine(levelName(event), uuid == null ? LogFields.NO_SESSION : uuid, component, operation,
                outcome, fields, event.getFormattedMessage());
    }

    boolean structured() {
        return component != null;
    }

    private static String levelName(ILoggingEvent event) {
        if (event.getLevel() == Level.INFO && event.getMarkerList() != null && event.getMarkerList().contains(Log.NOTICE)) {
            return "NOTICE";
        }
        return event.getLevel().toString();
    }

    /** Short name for a logger that is not one of ours: the simple class name. */
    static String shortLoggerName(String loggerName) {
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}

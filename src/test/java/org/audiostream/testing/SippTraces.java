package org.audiostream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounded excerpts of the traces of a failed SIPp run, for assertion messages: SIPp's error log (which
 * quotes each unexpected message; its start and end when long) and every message of the first call it
 * names, so that a failure is diagnosable from CI output alone, where {@code target/sipp} is gone.
 *
 * <p>Threads: stateless; any thread.
 */
final class SippTraces {

    static final int ERROR_LOG_CHARS = 3_000;
    static final int CALL_MESSAGES_CHARS = 5_000;
    static final int CALLS_SHOWN = 1;

    /** SIPp's error lines name the call as {@code Call-Id 'x'}, {@code Call-ID 'x'}, {@code Call-Id: x,} or {@code for call: x}. */
    private static final Pattern ERROR_CALL_ID = Pattern.compile("(?:Call-I[dD](?:: |\\s+')|for call: )([^'\\s,]+)");
    /** Each traced message starts with a row of dashes and a timestamp. */
    private static final String MESSAGE_SEPARATOR = "-----------------------------------------------";

    private SippTraces() {
    }

    /** The Call-IDs that SIPp's error log names, in order of first mention. */
    static List<String> failedCallIds(Path dir) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ERROR_CALL_ID.matcher(read(dir.resolve("errors.log")));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return List.copyOf(ids);
    }

    /** The error log and the messages of the first {@value #CALLS_SHOWN} failed call(s). */
    static String excerpt(Path dir) {
        StringBuilder out = new StringBuilder();
        String errors = read(dir.resolve("errors.log"));
        out.append("--- sipp errors.log").append(errors.isEmpty() ? " (empty)" : "").append(" ---\n")
                .append(middleCut(errors, ERROR_LOG_CHARS));
        List<String> ids = failedCallIds(dir);
        if (!ids.isEmpty()) {
            String messages = read(dir.resolve("messages.log"));
            for (String id : ids.subList(0, Math.min(CALLS_SHOWN, ids.size()))) {
                out.append("\n--- sipp messages of call ").append(id).append(" ---\n")
                        .append(middleCut(messagesOf(messages, id), CALL_MESSAGES_CHARS));
            }
            if (ids.size() > CALLS_SHOWN) {
                out.append("\n(").append(ids.size() - CALLS_SHOWN).append(" more failed call(s) in ").append(dir).append(')');
            }
        }
        return out.toString();
    }

    private static String messagesOf(String messages, String callId) {
        Pattern header = Pattern.compile("^(?:Call-ID|i)\\s*:\\s*" + Pattern.quote(callId) + "\\s*$",
                Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
        List<String> mine = new ArrayList<>();
        for (String message : messages.split("(?m)^(?=" + MESSAGE_SEPARATOR + ")")) {
            if (header.matcher(message).find()) {
                mine.add(message.strip());
            }
        }
        return mine.isEmpty() ? "(none traced)" : String.join("\n", mine);
    }

    /** Keeps the start (the request) and the end (the answer that broke the call) of a long text. */
    static String middleCut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int half = maxChars / 2;
        return text.substring(0, half) + "\n[" + (text.length() - 2 * half) + " chars left out]\n"
                + text.substring(text.length() - half);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).replace("\r", "") : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

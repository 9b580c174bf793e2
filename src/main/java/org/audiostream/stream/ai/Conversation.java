package org.audiostream.stream.ai;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What has been said so far, as text, so that a new Realtime session (after a reconnect or a recycle) can be
 * seeded with it and the caller is not talking to a stranger. Bounded by characters; the oldest turns go first.
 *
 * <p>Threads: confined to the engine's event loop.
 */
final class Conversation {

    /** One turn: who said it and what. */
    record Turn(boolean fromCaller, String text) {}

    private final int maxChars;
    private final Deque<Turn> turns = new ArrayDeque<>();
    private int chars;

    Conversation(int maxChars) {
        this.maxChars = maxChars;
    }

    void add(boolean fromCaller, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return;
        }
        turns.addLast(new Turn(fromCaller, t));
        chars += t.length();
        while (chars > maxChars && turns.size() > 1) {
            chars -= turns.removeFirst().text().length();
        }
    }

    /** The {@code conversation.item.create} events that replay the conversation, oldest first. */
    List<String> seedEvents() {
        List<String> out = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            out.add(t.fromCaller() ? RealtimeClientEvents.userText(t.text()) : RealtimeClientEvents.assistantText(t.text()));
        }
        return out;
    }

    int size() {
        return turns.size();
    }
}

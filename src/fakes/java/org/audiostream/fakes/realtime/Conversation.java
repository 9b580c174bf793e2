package org.audiostream.fakes.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session's conversation: items in order, by id, with a rough token count for {@code usage}
 * (a word of text is a token, 100 ms of input audio is a token). Keeps the newest {@link #MAX_ITEMS}.
 *
 * <p>Threads: confined to the session's event loop; {@link #snapshot()} hands out copies.
 */
final class Conversation {

    static final int MAX_ITEMS = 4_096;

    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private final Map<String, Long> inputAudioMs = new HashMap<>();
    private String lastItemId;

    /** The id of the newest item, or null when the conversation is empty (a {@code previous_item_id}). */
    String lastItemId() {
        return lastItemId;
    }

    /** The id of the item before {@code itemId}, or null if it is the first (or unknown). */
    String previousOf(String itemId) {
        String previous = null;
        for (String id : items.keySet()) {
            if (id.equals(itemId)) {
                return previous;
            }
            previous = id;
        }
        return null;
    }

    ObjectNode get(String itemId) {
        return items.get(itemId);
    }

    /** Adds a user audio item and remembers how much audio it holds. */
    void putInputAudio(ObjectNode item, long audioMs) {
        put(item);
        inputAudioMs.put(item.path("id").asString(), audioMs);
    }

    /** Adds an item, or replaces the item with the same id in place (an item's {@code .done} form). */
    void put(ObjectNode item) {
        String id = item.path("id").asString();
        boolean added = !items.containsKey(id);
        items.put(id, item);
        if (added) {
            lastItemId = id;
            if (items.size() > MAX_ITEMS) {
                Iterator<String> oldest = items.keySet().iterator();
                inputAudioMs.remove(oldest.next());
                oldest.remove();
            }
        }
    }

    boolean remove(String itemId) {
        if (items.remove(itemId) == null) {
            return false;
        }
        inputAudioMs.remove(itemId);
        if (itemId.equals(lastItemId)) {
            lastItemId = null;
            for (String id : items.keySet()) {
                lastItemId = id;
            }
        }
        return true;
    }

    List<JsonNode> snapshot() {
        List<JsonNode> copy = new ArrayList<>(items.size());
        items.values().forEach(item -> copy.add(item.deepCopy()));
        return copy;
    }

    int textTokens() {
        int tokens = 0;
        for (ObjectNode item : items.values()) {
            for (JsonNode part : item.path("content")) {
                tokens += words(part.path("text").asString("")) + words(part.path("transcript").asString(""));
            }
            tokens += words(item.path("arguments").asString("")) + words(item.path("output").asString(""));
        }
        return tokens;
    }

    int audioTokens() {
        long ms = 0;
        for (long itemMs : inputAudioMs.values()) {
            ms += itemMs;
        }
        return (int) (ms / 100);
    }

    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}

package org.audiostream.fakes.realtime;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.realtime.RealtimeClientEvent;
import com.openai.models.realtime.RealtimeServerEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Realtime frame against the official {@code com.openai:openai-java} GA models, so field and event
 * names cannot drift from what OpenAI's own SDK reads and writes. A frame passes when
 *
 * <ol>
 *   <li>it parses as a {@link RealtimeServerEvent} / {@link RealtimeClientEvent} and the SDK's
 *       {@code validate()} accepts it: the {@code type} is a known event, every required field is present, every
 *       known field has the right JSON kind, every enum value is known;
 *   <li>no object in it carries a key the SDK does not model, except the few the live service is known to send
 *       beyond the SDK types ({@link #SERVER_EXTRAS}); a client frame gets no exception at all, as the live
 *       service refuses unknown keys with {@code unknown_parameter}.
 * </ol>
 *
 * <p>Threads: stateless.
 */
public final class OpenAiWireCheck {

    private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

    /**
     * Keys the live service sends that openai-java 4.105.0 does not model, by the simple name of the SDK class
     * that holds them: the {@code obfuscation} padding of deltas (capture of 2026-09-18), and the server-side
     * identity of a session in {@code session.created}/{@code session.updated} ({@code id}, {@code object},
     * {@code expires_at}, same capture), which the SDK types as the client's create request.
     */
    static final Map<String, Set<String>> SERVER_EXTRAS = Map.of(
            "ResponseAudioDeltaEvent", Set.of("obfuscation"),
            "ResponseAudioTranscriptDeltaEvent", Set.of("obfuscation"),
            "ResponseTextDeltaEvent", Set.of("obfuscation"),
            "ResponseFunctionCallArgumentsDeltaEvent", Set.of("obfuscation"),
            "ConversationItemInputAudioTranscriptionDeltaEvent", Set.of("obfuscation"),
            "RealtimeSessionCreateRequest", Set.of("id", "object", "expires_at"));

    private OpenAiWireCheck() {}

    /** @throws AssertionError if {@code json} is not a valid GA server event */
    public static void assertServerEvent(String json) {
        check(json, RealtimeServerEvent.class, SERVER_EXTRAS);
    }

    /** @throws AssertionError if {@code json} is not a valid GA client event */
    public static void assertClientEvent(String json) {
        check(json, RealtimeClientEvent.class, Map.of());
    }

    private static void check(String json, Class<?> union, Map<String, Set<String>> extras) {
        Object event;
        try {
            event = SDK_JSON.readValue(json, union);
            union.getMethod("validate").invoke(event);
        } catch (InvocationTargetException e) {
            throw new AssertionError("not a valid " + union.getSimpleName() + ": " + e.getCause().getMessage()
                    + "\n  frame: " + abbreviated(json), e.getCause());
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            throw new AssertionError("not a " + union.getSimpleName() + ": " + e + "\n  frame: " + abbreviated(json), e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownKeys(event, "$", extras, unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(union.getSimpleName() + " has keys the SDK does not model: " + unknown
                    + "\n  frame: " + abbreviated(json));
        }
    }

    /** Walks the SDK model tree: every model object's additional properties must be allowed extras. */
    private static void collectUnknownKeys(Object model, String path, Map<String, Set<String>> extras,
            List<String> unknown) {
        if (model == null || !model.getClass().getName().startsWith("com.openai.models.") || model.getClass().isEnum()) {
            return;
        }
        if (isFreeForm(model.getClass())) {
            return;
        }
        Set<String> allowed = extras.getOrDefault(model.getClass().getSimpleName(), Set.of());
        additionalProperties(model).keySet().stream().filter(k -> !allowed.contains(k))
                .forEach(k -> unknown.add(path + "." + k + " (" + model.getClass().getSimpleName() + ")"));
        for (Method m : model.getClass().getMethods()) {
            if (!isChildAccessor(m)) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(model);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // an absent required field: validate() has already judged it
            }
            String at = path + "." + m.getName();
            if (child instanceof Optional<?> optional) {
                child = optional.orElse(null);
            }
            if (child instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    collectUnknownKeys(list.get(i), at + "[" + i + "]", extras, unknown);
                }
            } else {
                collectUnknownKeys(child, at, extras, unknown);
            }
        }
    }

    /**
     * A free-form map the SDK types as a class of its own ({@code metadata}, a tool's {@code parameters}): it
     * declares no field, so every key is an additional property by design.
     */
    private static boolean isFreeForm(Class<?> type) {
        for (Method m : type.getMethods()) {
            String name = m.getName();
            if (name.startsWith("_") && m.getParameterCount() == 0 && !name.equals("_additionalProperties")
                    && !name.equals("_allProperties")) {
                return false;
            }
        }
        return true;
    }

    /** Public no-argument getters of fields and union variants; not builders, raw JSON, tests or enum views. */
    private static boolean isChildAccessor(Method m) {
        String name = m.getName();
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || name.contains("$")
                || name.startsWith("_") || name.startsWith("is") || name.startsWith("as") || name.startsWith("to")
                || name.equals("validate") || name.equals("known") || name.equals("value") || name.equals("hashCode")
                || name.equals("getClass")) {
            return false;
        }
        Class<?> type = m.getReturnType();
        return type == Optional.class || type == List.class || type.getName().startsWith("com.openai.models.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> additionalProperties(Object model) {
        try {
            return (Map<String, ?>) model.getClass().getMethod("_additionalProperties").invoke(model);
        } catch (NoSuchMethodException e) {
            return Map.of(); // a union: its variant carries the keys
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read additional properties of " + model.getClass(), e);
        }
    }

    private static String abbreviated(String json) {
        return json.length() <= 600 ? json : json.substring(0, 600) + "… (" + json.length() + " chars)";
    }
}

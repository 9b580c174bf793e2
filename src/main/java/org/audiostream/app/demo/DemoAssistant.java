package org.audiostream.app.demo;

import java.util.HashMap;
import java.util.Map;
import org.audiostream.config.AiSettings;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeServer;
import org.audiostream.fakes.realtime.ScriptedResponse;

/**
 * The voice agent behind {@code demo --ai}. With {@code AUDIO_STREAM_AI_OPENAI_API_KEY} set, the demo talks to
 * the configured Realtime service ({@code AUDIO_STREAM_AI_OPENAI_URL}, OpenAI's by default); without it, to the
 * built-in fake Realtime service on loopback: the GA protocol with server VAD, a scripted reply in a synthetic
 * voice (a buzzing tone shaped into syllables, not words) and its transcript, so that the whole AI path runs
 * offline.
 *
 * <p>Threads: {@link #start} and {@link #close} from the demo's thread; the fake runs on its own event loop.
 */
final class DemoAssistant implements AutoCloseable {

    /** The key the built-in fake accepts: a placeholder, not a credential. */
    static final String OFFLINE_KEY = "sk-demo-offline-fake-realtime";
    static final String REPLY = "Hello, this is the audio stream demo assistant. I heard you, and I answer in the voice of"
            + " the offline test service.";

    private final FakeRealtimeServer fake;

    private DemoAssistant(FakeRealtimeServer fake) {
        this.fake = fake;
    }

    /** The fake when {@code env} names no API key, else nothing to start. */
    static DemoAssistant start(Map<String, String> env) {
        if (hasApiKey(env)) {
            return new DemoAssistant(null);
        }
        return new DemoAssistant(FakeRealtimeServer.start(FakeRealtimeConfig.builder().apiKey(OFFLINE_KEY)
                .responses(ScriptedResponse.text(REPLY)).build()));
    }

    /** {@code env} with the fake's URL and key on top, when the fake runs. */
    Map<String, String> settings(Map<String, String> env) {
        if (fake == null) {
            return env;
        }
        Map<String, String> all = new HashMap<>(env);
        all.put(AiSettings.OPENAI_URL.name(), fake.url());
        all.put(AiSettings.OPENAI_API_KEY.name(), OFFLINE_KEY);
        return all;
    }

    /** One line on where the agent runs. */
    String describe() {
        return fake == null ? "the Realtime service of AUDIO_STREAM_AI_OPENAI_URL (AUDIO_STREAM_AI_OPENAI_API_KEY is set)"
                : "the built-in fake OpenAI Realtime service at " + fake.url() + " (offline: a synthetic voice says \""
                        + REPLY + "\")";
    }

    @Override
    public void close() {
        if (fake != null) {
            fake.close();
        }
    }

    private static boolean hasApiKey(Map<String, String> env) {
        if (!env.getOrDefault(AiSettings.OPENAI_API_KEY.name(), "").isBlank()) {
            return true;
        }
        return AiSettings.OPENAI_API_KEY.aliases().stream().anyMatch(a -> !env.getOrDefault(a.name(), "").isBlank());
    }
}

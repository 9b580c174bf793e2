package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.audiostream.event.Event;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeServer;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AudioMatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenAI Realtime server and a gateway whose AI mode talks to it, for the AI-mode integration tests; plus
 * what those tests read from AI events and recordings.
 *
 * <p>Threads: the test thread.
 */
final class AiFixture implements AutoCloseable {

    static final String API_KEY = "sk-test-fixture-0123456789";
    static final String STATE = "mod_audio_stream::ai_state";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final FakeRealtimeServer fake;
    final GatewayHarness gw;

    private AiFixture(FakeRealtimeServer fake, GatewayHarness gw) {
        this.fake = fake;
        this.gw = gw;
    }

    /** A fake built from {@code fakeConfig} (its API key is set here) and a gateway with {@code env} on top. */
    static AiFixture start(FakeRealtimeConfig.Builder fakeConfig, Map<String, String> env) throws IOException {
        FakeRealtimeServer fake = FakeRealtimeServer.start(fakeConfig.apiKey(API_KEY).build());
        Map<String, String> all = new HashMap<>();
        all.put("AUDIO_STREAM_AI_OPENAI_URL", fake.url());
        all.put("AUDIO_STREAM_AI_OPENAI_API_KEY", API_KEY);
        all.putAll(env);
        try {
            return new AiFixture(fake, GatewayHarness.start(all));
        } catch (IOException | RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    /** Closes the gateway first (its baseline checks run with the fake still up), then the fake. */
    @Override
    public void close() {
        try {
            gw.close();
        } finally {
            fake.close();
        }
    }

    /** The JSON bodies of every {@code ai_state} event of {@code uuid} so far. */
    List<JsonNode> states(String uuid) {
        return gw.events(STATE, uuid).stream().map(e -> JSON.readTree(e.body())).toList();
    }

    /** Waits for an {@code ai_state} event of {@code uuid} whose {@code event} field is {@code event}. */
    JsonNode awaitState(String uuid, String event, Duration timeout) {
        Event e = gw.awaitEvent(ev -> ev.subclass().equals(STATE) && uuid.equals(ev.sessionUuid())
                && event.equals(JSON.readTree(ev.body()).path("event").asString()), timeout);
        return JSON.readTree(e.body());
    }

    /** Waits for an event of {@code subclass} of {@code uuid} and returns its body. */
    JsonNode awaitBody(String subclass, String uuid, Duration timeout) {
        return JSON.readTree(gw.awaitEvent(subclass, uuid, timeout).body());
    }

    /** The call's AI mode started through the API. */
    void startAi(TestCall call) {
        assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start_ai")).isEqualTo(GatewayHarness.OK);
        awaitState(call.uuid(), "connected", Duration.ofSeconds(5));
    }

    /** G.711 bytes as the 16-bit samples a receiver decodes them to. */
    static short[] decode(byte[] g711, G711Law law) {
        short[] pcm = new short[g711.length];
        law.decode(g711, 0, pcm, 0, g711.length);
        return pcm;
    }

    /** {@code pcm} as a G.711 caller sends it: every sample quantised by the law. */
    static short[] asG711(short[] pcm, G711Law law) {
        byte[] coded = new byte[pcm.length];
        law.encode(pcm, 0, coded, 0, pcm.length);
        return decode(coded, law);
    }

    /** Where {@code expected} starts in {@code heard}, failing if it is not there sample-exact. */
    static int locate(short[] heard, short[] expected) {
        OptionalInt at = AudioMatch.locateAnywhere(heard, expected);
        assertThat(at).as("the fake's audio found sample-exact in what the caller heard").isPresent();
        return at.getAsInt();
    }

    /** Pearson correlation of {@code expected} with {@code heard} from {@code offset}, over {@code length} samples. */
    static double correlation(short[] heard, int offset, short[] expected, int length) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < length; i++) {
            int h = offset + i;
            double x = expected[i];
            double y = h >= 0 && h < heard.length ? heard[h] : 0;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            n++;
        }
        double cov = sxy - sx * sy / n;
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        return vx == 0 || vy == 0 ? 0 : cov / Math.sqrt(vx * vy);
    }

    /** The first sample at or after {@code from} that starts a silent 20 ms frame (all zero), or the length. */
    static int silenceFrom(short[] heard, int from) {
        for (int i = from; i + 160 <= heard.length; i++) {
            int j = 0;
            while (j < 160 && heard[i + j] == 0) {
                j++;
            }
            if (j == 160) {
                return i;
            }
            i += j;
        }
        return heard.length;
    }

    /**
     * How many 20 ms frames of {@code expected} appear in {@code heard[from, to)} sample-exact, each within a frame of
     * where the previous one was found (a late packet may shift the recording by a few samples).
     */
    static int framesFoundInOrder(short[] heard, int from, int to, short[] expected) {
        int found = 0;
        int drift = 0;
        for (int k = 0; (k + 1) * 160 <= expected.length && from + (k + 1) * 160 <= to; k++) {
            for (int d = -160; d <= 160; d++) {
                int at = from + k * 160 + drift + d;
                if (at >= 0 && at + 160 <= heard.length && java.util.Arrays.equals(heard, at, at + 160, expected, k * 160, (k + 1) * 160)) {
                    found++;
                    drift += d;
                    break;
                }
            }
        }
        return found;
    }

    /** How many samples from {@code offset} on equal {@code expected} before the first difference. */
    static int matchingPrefix(short[] heard, int offset, short[] expected) {
        int n = 0;
        while (n < expected.length && offset + n < heard.length && heard[offset + n] == expected[n]) {
            n++;
        }
        return n;
    }

    /** Deterministic noise-like speech stand-in at 24 kHz: never periodic, so it can be located exactly. */
    static short[] voice24k(int millis, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] out = new short[millis * 24];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            phase += 2 * Math.PI * (300 + 200 * Math.sin(i / 2400.0)) / 24_000;
            out[i] = (short) (6000 * Math.sin(phase) + random.nextInt(-1500, 1500));
        }
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.audiostream.fakes.realtime.RealtimeTestClient.Frame;
import org.audiostream.media.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scripted responses on the wire: order, bytes, pacing, barge-in, cancel, truncate, function calls. */
class FakeRealtimeResponseTest {

    private FakeRealtimeServer server;
    private RealtimeTestClient client;
    private FakeRealtimeSession session;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private void open(FakeRealtimeConfig.Builder config, String sessionJson) {
        server = FakeRealtimeServer.start(config.build());
        client = RealtimeTestClient.connect(server, "sk-any");
        client.next("session.created");
        client.send("{\"type\":\"session.update\",\"session\":" + sessionJson + "}");
        client.next("session.updated");
        session = server.awaitSession(0, RealtimeTestClient.WAIT);
    }

    private static String g711Session(String format) {
        return """
                {"type":"realtime","audio":{"input":{"format":{"type":"%1$s"}},"output":{"format":{"type":"%1$s"}}}}"""
                .formatted(format);
    }

    /** 24 kHz test speech: a 300 Hz + 1200 Hz mix (well inside the 8 kHz band) for {@code ms}. */
    private static short[] speech24k(int ms) {
        short[] s = new short[24 * ms];
        for (int i = 0; i < s.length; i++) {
            double t = i / 24_000.0;
            s[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 300 * t) + 3000 * Math.sin(2 * Math.PI * 1200 * t));
        }
        return s;
    }

    private static byte[] audioOf(List<JsonNode> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.stream().filter(e -> e.path("type").asString().equals("response.output_audio.delta"))
                .forEach(e -> out.writeBytes(Base64.getDecoder().decode(e.path("delta").asString())));
        return out.toByteArray();
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }

    @Test
    void anAudioResponseInPcmuIsTheScriptResampledAndCompandedInTheServiceOrder() {
        short[] script = speech24k(600);
        ScriptedResponse.Audio reply = ScriptedResponse.audio(script, "Hello there, caller.");
        open(FakeRealtimeConfig.builder().responses(reply), g711Session("audio/pcmu"));
        client.send("{\"type\":\"response.create\"}");
        List<JsonNode> events = client.until("response.done");

        List<String> types = types(events).stream().filter(t -> !t.endsWith(".delta")).toList();
        assertThat(types).containsExactly("response.created", "response.output_item.added", "conversation.item.added",
                "response.content_part.added", "response.output_audio.done", "response.output_audio_transcript.done",
                "response.content_part.done", "conversation.item.done", "response.output_item.done", "response.done");
        byte[] sent = audioOf(events);
        assertThat(sent).hasSize(script.length / 3).isEqualTo(reply.encodedAs("audio/pcmu"));
        String itemId = events.get(1).path("item").path("id").asString();
        assertThat(session.sentAudio(itemId)).isEqualTo(sent);
        // independently of the fake's encoder: the µ-law decodes to the script taken at every third sample
        double[] a = new double[sent.length];
        double[] b = new double[sent.length];
        for (int i = 0; i < sent.length; i++) {
            a[i] = G711.decodeUlaw(sent[i]);
            b[i] = script[3 * i];
        }
        assertThat(correlation(a, b)).isGreaterThan(0.99);
        String transcript = events.stream().filter(e -> e.path("type").asString()
                .equals("response.output_audio_transcript.delta")).map(e -> e.path("delta").asString())
                .reduce("", String::concat);
        assertThat(transcript).isEqualTo("Hello there, caller.");
        JsonNode response = events.getLast().path("response");
        assertThat(response.path("status").asString()).isEqualTo("completed");
        assertThat(response.path("usage").path("output_token_details").path("audio_tokens").asInt()).isEqualTo(600 / 50);
        assertThat(response.path("audio").path("output").path("format").path("type").asString()).isEqualTo("audio/pcmu");
        assertThat(client.next("rate_limits.updated").path("rate_limits").path(0).path("remaining").asLong())
                .isEqualTo(15_000_000 - response.path("usage").path("total_tokens").asLong());
        assertThat(session.responses()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.sentAudioBytes()).isEqualTo(r.plannedAudioBytes()).isEqualTo(600 * 8);
        });
    }

    @Test
    void pcmOutputIsTheScriptsBytesAndPacedFasterThanRealTime() {
        short[] script = speech24k(2000);
        open(FakeRealtimeConfig.builder().speed(4.0).responses(ScriptedResponse.audio(TestAudio.pcm16le(script), "Long.")),
                "{\"type\":\"realtime\"}");
        client.send("{\"type\":\"response.create\"}");
        client.until("response.done");
        List<Frame> deltas = client.seen().stream().filter(f -> !f.isClose()
                && f.type().equals("response.output_audio.delta")).toList();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        deltas.forEach(f -> sent.writeBytes(Base64.getDecoder().decode(f.json().path("delta").asString())));
        assertThat(sent.toByteArray()).isEqualTo(TestAudio.pcm16le(script));
        assertThat(deltas.size()).isBetween(2000 / 100, 2000 / 20 + 1);
        for (Frame f : deltas.subList(0, deltas.size() - 1)) {
            int ms = Base64.getDecoder().decode(f.json().path("delta").asString()).length / 48;
            assertThat(ms).isBetween(20, 100);
        }
        long spreadMs = (deltas.getLast().arrivalNanos() - deltas.getFirst().arrivalNanos()) / 1_000_000;
        assertThat(spreadMs).as("2 s of audio at 4x real time").isBetween(300L, 1200L);
    }

    @Test
    void aTextResponseHasWordDeltasAndTheTextInTheItem() {
        open(FakeRealtimeConfig.builder().responses(ScriptedResponse.text("Hi there, friend!")),
                "{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}");
        client.send("""
                {"type":"conversation.item.create","item":{"type":"message","role":"user",
                 "content":[{"type":"input_text","text":"Say hi in three words"}]}}""");
        client.next("conversation.item.done");
        client.send("{\"type\":\"response.create\"}");
        List<JsonNode> events = client.until("response.done");
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asString()).toList()).containsExactly("Hi", " there,", " friend!");
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("response.output_text.delta")))
                .allSatisfy(e -> assertThat(e.path("obfuscation").asString()).isNotEmpty());
        assertThat(client.seen().stream().filter(f -> !f.isClose()).map(Frame::json)
                .filter(e -> e.path("type").asString().equals("response.output_text.done")).findFirst().orElseThrow()
                .path("text").asString()).isEqualTo("Hi there, friend!");
        assertThat(session.itemsCreated()).singleElement()
                .satisfies(item -> assertThat(item.path("id").asString()).startsWith("item_"));
    }

    @Test
    void speechDuringAResponseCancelsItAsTurnDetectedAndNoDeltaFollows() {
        open(FakeRealtimeConfig.builder().speed(1.0).responses(ScriptedResponse.audio(speech24k(5000), "A long answer.")),
                g711Session("audio/pcmu"));
        client.send("{\"type\":\"response.create\"}");
        client.next("response.output_audio.delta");
        client.append(TestAudio.tone("audio/pcmu", 100, 440, 6000), 160); // the caller barges in
        client.next("input_audio_buffer.speech_started");
        List<JsonNode> tail = client.until("response.done");
        JsonNode done = tail.getLast().path("response");
        assertThat(done.path("status").asString()).isEqualTo("cancelled");
        assertThat(done.path("status_details").path("reason").asString()).isEqualTo("turn_detected");
        assertThat(done.path("output").path(0).path("status").asString()).isEqualTo("incomplete");
        client.next("rate_limits.updated");
        client.assertSilentFor(Duration.ofMillis(200));
        List<String> all = types(client.seen().stream().map(Frame::json).toList());
        assertThat(all.subList(all.indexOf("response.done"), all.size())).doesNotContain("response.output_audio.delta");
        FakeResponse r = session.responses().getFirst();
        assertThat(r.reason()).isEqualTo("turn_detected");
        assertThat(r.sentAudioBytes()).isLessThan(r.plannedAudioBytes());
        assertThat(session.sentAudio(r.itemId())).hasSize(r.sentAudioBytes());
    }

    @Test
    void cancelAndCreateWhileActiveAreAnsweredAsTheServiceDoes() {
        open(FakeRealtimeConfig.builder().speed(1.0).responses(ScriptedResponse.audio(speech24k(3000), "Long.")),
                g711Session("audio/pcmu"));
        client.send("{\"type\":\"response.cancel\"}");
        assertThat(client.next("error").path("error").path("code").asString()).isEqualTo("response_cancel_not_active");
        client.send("{\"type\":\"response.create\"}");
        client.next("response.output_audio.delta");
        client.send("{\"type\":\"response.create\"}");
        assertThat(client.next("error").path("error").path("code").asString())
                .isEqualTo("conversation_already_has_active_response");
        client.send("{\"type\":\"response.cancel\"}");
        JsonNode done = client.next("response.done").path("response");
        assertThat(done.path("status_details").path("reason").asString()).isEqualTo("client_cancelled");
        client.send("{\"type\":\"response.cancel\"}");
        assertThat(client.next("error").path("error").path("code").asString()).isEqualTo("response_cancel_not_active");
        assertThat(session.cancels()).isEqualTo(3);
    }

    @Test
    void truncateIsBoundedByTheAudioSentAndOnlyForAssistantAudio() {
        open(FakeRealtimeConfig.builder().responses(ScriptedResponse.audio(speech24k(1000), "One second.")),
                g711Session("audio/pcma"));
        client.send("""
                {"type":"conversation.item.create","item":{"type":"message","role":"user",
                 "content":[{"type":"input_text","text":"hi"}]}}""");
        String userItem = client.next("conversation.item.done").path("item").path("id").asString();
        client.send("{\"type\":\"response.create\"}");
        String itemId = client.next("response.output_item.added").path("item").path("id").asString();
        client.next("response.done");

        client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId
                + "\",\"content_index\":0,\"audio_end_ms\":1085}");
        JsonNode tooLong = client.next("error").path("error");
        assertThat(tooLong.path("message").asString()).isEqualTo("Audio content of 1000ms is already shorter than 1085ms");
        client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + userItem
                + "\",\"content_index\":0,\"audio_end_ms\":0}");
        assertThat(client.next("error").path("error").path("message").asString())
                .isEqualTo("Only model output audio messages can be truncated");
        client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_nope\",\"content_index\":0,\"audio_end_ms\":0}");
        assertThat(client.next("error").path("error").path("code").asString()).isEqualTo("item_truncate_invalid_item_id");
        client.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId
                + "\",\"content_index\":0,\"audio_end_ms\":640}");
        JsonNode truncated = client.next("conversation.item.truncated");
        assertThat(truncated.path("audio_end_ms").asLong()).isEqualTo(640);
        assertThat(session.truncations()).extracting(Truncation::audioEndMs, Truncation::sentMs, Truncation::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1085L, 1000L, false),
                        org.assertj.core.groups.Tuple.tuple(0L, -1L, false),
                        org.assertj.core.groups.Tuple.tuple(0L, -1L, false),
                        org.assertj.core.groups.Tuple.tuple(640L, 1000L, true));
        client.send("{\"type\":\"conversation.item.retrieve\",\"item_id\":\"" + itemId + "\"}");
        assertThat(client.next("conversation.item.retrieved").path("item").path("content").path(0).path("transcript")
                .asString()).isEmpty();
    }

    @Test
    void aFunctionCallRoundTrip() {
        open(FakeRealtimeConfig.builder().responses(
                ScriptedResponse.functionCall("transfer_call", "{\"department\":\"billing\",\"reason\":\"refund\"}"),
                ScriptedResponse.text("Transferring you now.")),
                """
                {"type":"realtime","output_modalities":["text"],"tools":[{"type":"function","name":"transfer_call",
                 "description":"Transfer","parameters":{"type":"object","properties":{"department":{"type":"string"}}}}]}""");
        client.send("{\"type\":\"response.create\"}");
        List<JsonNode> events = client.until("response.done");
        JsonNode added = events.get(1).path("item");
        assertThat(added.path("type").asString()).isEqualTo("function_call");
        assertThat(added.path("name").asString()).isEqualTo("transfer_call");
        String callId = added.path("call_id").asString();
        assertThat(callId).startsWith("call_");
        String args = events.stream().filter(e -> e.path("type").asString().equals("response.function_call_arguments.delta"))
                .map(e -> e.path("delta").asString()).reduce("", String::concat);
        assertThat(args).isEqualTo("{\"department\":\"billing\",\"reason\":\"refund\"}");
        assertThat(types(events)).contains("response.function_call_arguments.done").doesNotContain("response.content_part.added");
        JsonNode output = events.getLast().path("response").path("output").path(0);
        assertThat(output.path("type").asString()).isEqualTo("function_call");
        assertThat(output.path("arguments").asString()).isEqualTo(args);

        client.send("""
                {"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"%s",
                 "output":"{\\"ok\\":true}"}}""".formatted(callId));
        client.next("conversation.item.done");
        client.send("{\"type\":\"response.create\"}");
        assertThat(client.next("response.output_text.done").path("text").asString()).isEqualTo("Transferring you now.");
        assertThat(session.itemsCreated()).singleElement()
                .satisfies(i -> assertThat(i.path("call_id").asString()).isEqualTo(callId));
    }

    @Test
    void anOutOfBandResponseStaysOutOfTheConversation() {
        open(FakeRealtimeConfig.builder().responses(ScriptedResponse.audio(speech24k(200), "Please hold.")),
                g711Session("audio/pcmu"));
        client.send("""
                {"type":"response.create","response":{"conversation":"none","output_modalities":["audio"],
                 "instructions":"Say: please hold.","metadata":{"purpose":"tts"},
                 "audio":{"output":{"format":{"type":"audio/pcma"},"voice":"marin"}}}}""");
        List<JsonNode> events = client.until("response.done");
        assertThat(types(events)).doesNotContain("conversation.item.added", "conversation.item.done");
        JsonNode response = events.getLast().path("response");
        assertThat(response.path("conversation_id").isNull()).isTrue();
        assertThat(response.path("metadata").path("purpose").asString()).isEqualTo("tts");
        assertThat(response.path("audio").path("output").path("format").path("type").asString()).isEqualTo("audio/pcma");
        assertThat(audioOf(events)).isEqualTo(ScriptedResponse.audio(speech24k(200), "x").encodedAs("audio/pcma"));
    }

    @Test
    void aScriptedErrorReplacesAResponseAndTheDefaultReplyFollowsTheScript() {
        open(FakeRealtimeConfig.builder().responses(ScriptedResponse.error("server_error", null, "The server had an error.")),
                "{\"type\":\"realtime\",\"output_modalities\":[\"text\"]}");
        client.send("{\"type\":\"response.create\"}");
        JsonNode error = client.next("error").path("error");
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        client.send("{\"type\":\"response.create\"}");
        assertThat(client.next("response.output_text.done").path("text").asString())
                .isEqualTo("This is the fake Realtime assistant.");
    }

    @Test
    void idleTimeoutCommitsTheSilenceAndResponds() {
        open(FakeRealtimeConfig.builder().responses(ScriptedResponse.text("Hello?"), ScriptedResponse.text("Are you there?")),
                """
                {"type":"realtime","output_modalities":["text"],"audio":{"input":{"format":{"type":"audio/pcmu"},
                 "turn_detection":{"type":"server_vad","idle_timeout_ms":150}}}}""");
        client.send("{\"type\":\"response.create\"}");
        client.next("response.done");
        JsonNode timeout = client.next("input_audio_buffer.timeout_triggered");
        assertThat(client.next("input_audio_buffer.committed").path("item_id").asString())
                .isEqualTo(timeout.path("item_id").asString());
        assertThat(client.next("response.output_text.done").path("text").asString()).isEqualTo("Are you there?");
    }

    private static double correlation(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}

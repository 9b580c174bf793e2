package org.audiostream.fakes.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.audiostream.fakes.realtime.ServerEvents.ContentRef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One response on the wire, in the order the live service uses (capture of 2026-09-18):
 * {@code response.created} → {@code response.output_item.added} → {@code conversation.item.added} →
 * {@code response.content_part.added} → deltas → {@code response.output_audio.done} /
 * {@code response.output_audio_transcript.done} (or {@code response.output_text.done}) →
 * {@code response.content_part.done} → {@code conversation.item.done} → {@code response.output_item.done} →
 * {@code response.done}. Out-of-band responses skip the {@code conversation.item.*} events. A function call
 * has no content part: its deltas are {@code response.function_call_arguments.delta}, then {@code .done}.
 *
 * <p>Pacing: the first delta after {@code firstDeltaDelay}; audio in chunks of a random whole number of
 * milliseconds between the configured bounds, each due when the audio before it would have played at
 * {@code speed} times real time; a transcript word just before the chunk it belongs to; text and argument
 * deltas {@value #TEXT_DELTA_INTERVAL_MS} ms apart. While the socket is not writable the stream waits, as a
 * server behind TCP back-pressure does.
 *
 * <p>{@link #cancel} stops the deltas at once and closes the response with what was sent: the items become
 * {@code incomplete} and {@code response.done} says {@code cancelled} with the reason.
 *
 * <p>Threads: confined to the session's event loop.
 */
final class ResponseStream {

    /** What a response needs from its session. */
    interface Host {
        void emit(ObjectNode event);

        Future<?> schedule(Runnable task, long delayNanos);

        boolean writable();

        Conversation conversation();

        void audioSent(String itemId, byte[] audio, int offset, int length);

        void finished(ResponseStream stream, JsonNode usage);
    }

    static final int TEXT_DELTA_INTERVAL_MS = 8;
    private static final int ARGUMENT_DELTA_CHARS = 24;
    private static final long BACKPRESSURE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Host host;
    private final ServerEvents events;
    private final ResponsePlan plan;
    private final ContentRef ref;
    private final String kind;
    /** The whole audio in the output format; released when the response ends. */
    private byte[] audio;
    private final int plannedAudioBytes;
    private final String fullText;
    private final List<Step> steps = new ArrayList<>();
    private final StringBuilder sentText = new StringBuilder();

    private long startNanos;
    private int next;
    private int sentAudioBytes;
    private Future<?> pending;
    private String status = "in_progress";
    private String reason;

    private record Step(long dueNanos, Runnable send) {}

    /**
     * @param seed drives the chunk sizes (the same seed, the same chunks)
     */
    ResponseStream(Host host, ServerEvents events, ResponsePlan plan, FakeRealtimeConfig config, long seed) {
        this.host = host;
        this.events = events;
        this.plan = plan;
        this.ref = new ContentRef(plan.responseId(), plan.itemId(), 0, 0);
        long firstNanos = config.firstDeltaDelay().toNanos();
        switch (plan.script()) {
            case ScriptedResponse.FunctionCall call -> {
                kind = "function_call";
                audio = new byte[0];
                fullText = call.argumentsJson();
                planPieces(pieces(fullText, ARGUMENT_DELTA_CHARS), firstNanos, this::sendArguments);
            }
            case ScriptedResponse.Audio spoken when plan.modality().equals("audio") -> {
                kind = "audio";
                audio = plan.format().encode24k(spoken.samples24k());
                fullText = spoken.transcript();
                planAudio(config, firstNanos, seed);
            }
            case ScriptedResponse.Text written when plan.modality().equals("audio") -> {
                kind = "audio";
                audio = plan.format().encode24k(SyntheticVoice.speak(250L * Math.max(1, Conversation.words(written.text()))));
                fullText = written.text();
                planAudio(config, firstNanos, seed);
            }
            default -> {
                kind = "text";
                audio = new byte[0];
                fullText = plan.script() instanceof ScriptedResponse.Audio spoken ? spoken.transcript()
                        : ((ScriptedResponse.Text) plan.script()).text();
                planPieces(words(fullText), firstNanos, this::sendText);
            }
        }
        plannedAudioBytes = audio.length;
    }

    String responseId() {
        return plan.responseId();
    }

    String itemId() {
        return plan.itemId();
    }

    boolean inConversation() {
        return plan.inConversation();
    }

    boolean active() {
        return status.equals("in_progress");
    }

    boolean producesAudio() {
        return kind.equals("audio");
    }

    /** Milliseconds of audio sent so far. */
    long sentAudioMs() {
        return sentAudioBytes / plan.format().bytesPerMs();
    }

    FakeResponse summary() {
        return new FakeResponse(plan.responseId(), plan.itemId(), kind, status, reason,
                kind.equals("audio") ? plan.format().type() : null, plannedAudioBytes, sentAudioBytes, sentText.toString());
    }

    /** Sends the opening events and starts the deltas. */
    void start() {
        startNanos = System.nanoTime();
        host.emit(events.responseCreated(response(null)));
        ObjectNode item = item("in_progress");
        host.emit(events.outputItemAdded(plan.responseId(), 0, item));
        if (plan.inConversation()) {
            String previous = host.conversation().lastItemId();
            host.conversation().put(item.deepCopy());
            host.emit(events.itemAdded(previous, item));
        }
        if (!kind.equals("function_call")) {
            host.emit(events.contentPartAdded(ref, part("")));
        }
        pump();
    }

    /** Stops the deltas and closes the response as {@code cancelled}; no-op once it has ended. */
    void cancel(String why) {
        if (!active()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        status = "cancelled";
        reason = why;
        finish("incomplete");
    }

    private void pump() {
        pending = null;
        if (!active()) {
            return;
        }
        long elapsed = System.nanoTime() - startNanos;
        while (next < steps.size() && steps.get(next).dueNanos() <= elapsed) {
            if (!host.writable()) {
                pending = host.schedule(this::pump, BACKPRESSURE_RETRY_NANOS);
                return;
            }
            steps.get(next++).send().run();
        }
        if (next < steps.size()) {
            pending = host.schedule(this::pump, steps.get(next).dueNanos() - elapsed);
        } else {
            status = "completed";
            finish("completed");
        }
    }

    private void planAudio(FakeRealtimeConfig config, long firstNanos, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int bytesPerMs = plan.format().bytesPerMs();
        List<Step> chunks = new ArrayList<>();
        long playedMs = 0;
        for (int offset = 0; offset < audio.length; ) {
            int ms = random.nextInt(config.minChunkMs(), config.maxChunkMs() + 1);
            int length = Math.min(ms * bytesPerMs, audio.length - offset);
            int from = offset;
            long due = firstNanos + (long) (TimeUnit.MILLISECONDS.toNanos(playedMs) / config.speed());
            chunks.add(new Step(due, () -> sendAudio(from, length)));
            playedMs += length / bytesPerMs;
            offset += length;
        }
        List<String> words = words(fullText);
        int w = 0;
        for (int c = 0; c < chunks.size(); c++) {
            while (w < words.size() && (long) w * chunks.size() / words.size() <= c) {
                String word = words.get(w++);
                steps.add(new Step(chunks.get(c).dueNanos(), () -> sendTranscript(word)));
            }
            steps.add(chunks.get(c));
        }
        while (w < words.size()) { // no audio at all: the transcript alone
            String word = words.get(w++);
            steps.add(new Step(firstNanos, () -> sendTranscript(word)));
        }
    }

    private void planPieces(List<String> pieces, long firstNanos, Consumer<String> send) {
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            steps.add(new Step(firstNanos + TimeUnit.MILLISECONDS.toNanos((long) i * TEXT_DELTA_INTERVAL_MS),
                    () -> send.accept(piece)));
        }
    }

    private void sendAudio(int offset, int length) {
        host.emit(events.audioDelta(ref, Base64.getEncoder().encodeToString(
                Arrays.copyOfRange(audio, offset, offset + length))));
        host.audioSent(plan.itemId(), audio, offset, length);
        sentAudioBytes += length;
    }

    private void sendTranscript(String word) {
        sentText.append(word);
        host.emit(events.audioTranscriptDelta(ref, word));
    }

    private void sendText(String word) {
        sentText.append(word);
        host.emit(events.textDelta(ref, word));
    }

    private void sendArguments(String piece) {
        sentText.append(piece);
        host.emit(events.functionArgumentsDelta(plan.responseId(), plan.itemId(), 0, plan.callId(), piece));
    }

    private void finish(String itemStatus) {
        steps.clear();
        audio = null;
        String said = sentText.toString();
        if (kind.equals("function_call")) {
            host.emit(events.functionArgumentsDone(plan.responseId(), plan.itemId(), 0, plan.callId(),
                    ((ScriptedResponse.FunctionCall) plan.script()).name(), said));
        } else {
            if (kind.equals("audio")) {
                host.emit(events.audioDone(ref));
                host.emit(events.audioTranscriptDone(ref, said));
            } else {
                host.emit(events.textDone(ref, said));
            }
            host.emit(events.contentPartDone(ref, part(said)));
        }
        ObjectNode item = item(itemStatus);
        if (plan.inConversation()) {
            host.conversation().put(item.deepCopy());
            host.emit(events.itemDone(host.conversation().previousOf(plan.itemId()), item));
        }
        host.emit(events.outputItemDone(plan.responseId(), 0, item));
        ObjectNode usage = usage();
        host.emit(events.responseDone(response(usage)));
        host.finished(this, usage);
    }

    /** The response object: {@code output} holds the item once the response has ended. */
    private ObjectNode response(ObjectNode usage) {
        ObjectNode r = NODES.objectNode();
        r.put("object", "realtime.response");
        r.put("id", plan.responseId());
        r.put("status", status);
        if (reason == null) {
            r.putNull("status_details");
        } else {
            r.putObject("status_details").put("type", "cancelled").put("reason", reason);
        }
        ArrayNode output = r.putArray("output");
        if (usage != null) {
            output.add(item(status.equals("completed") ? "completed" : "incomplete"));
        }
        r.put("conversation_id", plan.conversationId());
        r.putArray("output_modalities").add(plan.modality());
        r.set("max_output_tokens", plan.maxOutputTokens().deepCopy());
        ObjectNode out = r.putObject("audio").putObject("output");
        out.set("format", plan.format().toJson());
        out.set("voice", plan.voice().deepCopy());
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", usage);
        }
        r.set("metadata", plan.metadata().deepCopy());
        return r;
    }

    private ObjectNode item(String itemStatus) {
        ObjectNode item = NODES.objectNode();
        item.put("id", plan.itemId());
        item.put("object", "realtime.item");
        if (kind.equals("function_call")) {
            item.put("type", "function_call");
            item.put("status", itemStatus);
            item.put("call_id", plan.callId());
            item.put("name", ((ScriptedResponse.FunctionCall) plan.script()).name());
            item.put("arguments", itemStatus.equals("in_progress") ? "" : sentText.toString());
            return item;
        }
        item.put("type", "message");
        item.put("status", itemStatus);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (!itemStatus.equals("in_progress")) {
            ObjectNode c = content.addObject();
            if (kind.equals("audio")) {
                c.put("type", "output_audio").put("transcript", sentText.toString());
            } else {
                c.put("type", "output_text").put("text", sentText.toString());
            }
        }
        return item;
    }

    private ObjectNode part(String said) {
        return kind.equals("audio") ? NODES.objectNode().put("type", "audio").put("transcript", said)
                : NODES.objectNode().put("type", "text").put("text", said);
    }

    private ObjectNode usage() {
        int inText = 50 + host.conversation().textTokens();
        int inAudio = host.conversation().audioTokens();
        int outText = Conversation.words(sentText.toString());
        int outAudio = (int) (sentAudioMs() / 50);
        ObjectNode u = NODES.objectNode();
        u.put("total_tokens", inText + inAudio + outText + outAudio);
        u.put("input_tokens", inText + inAudio);
        u.put("output_tokens", outText + outAudio);
        ObjectNode in = u.putObject("input_token_details");
        in.put("text_tokens", inText).put("audio_tokens", inAudio).put("image_tokens", 0).put("cached_tokens", 0);
        in.putObject("cached_tokens_details").put("text_tokens", 0).put("audio_tokens", 0).put("image_tokens", 0);
        u.putObject("output_token_details").put("text_tokens", outText).put("audio_tokens", outAudio);
        return u;
    }

    /** Word-sized deltas: each word keeps the space before it ("Hi", " there", ","…). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1)))) {
                if (i > start) {
                    out.add(text.substring(start, i));
                }
                start = i;
            }
        }
        return out;
    }

    private static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }
}

package org.audiostream.fakes.realtime;

import static org.audiostream.fakes.realtime.Shape.anyObject;
import static org.audiostream.fakes.realtime.Shape.anything;
import static org.audiostream.fakes.realtime.Shape.arrayOf;
import static org.audiostream.fakes.realtime.Shape.bool;
import static org.audiostream.fakes.realtime.Shape.integer;
import static org.audiostream.fakes.realtime.Shape.integerOr;
import static org.audiostream.fakes.realtime.Shape.nullable;
import static org.audiostream.fakes.realtime.Shape.number;
import static org.audiostream.fakes.realtime.Shape.object;
import static org.audiostream.fakes.realtime.Shape.oneOf;
import static org.audiostream.fakes.realtime.Shape.string;
import static org.audiostream.fakes.realtime.Shape.stringOr;
import static org.audiostream.fakes.realtime.Shape.tagged;

import java.util.List;
import java.util.Map;
import org.audiostream.fakes.realtime.Shape.ObjectShape;

/**
 * The GA Realtime client-event shapes (the official SDK types of {@code RealtimeSessionCreateRequest},
 * {@code RealtimeResponseCreateParams}, {@code ConversationItem} and the client events, as of 2026-11):
 * nothing from the beta shape ({@code temperature}, {@code input_audio_format}, {@code modalities},
 * {@code voice} at the top, …) is accepted. The fields a value range applies to carry it; free-form fields
 * (a tool's {@code parameters}, {@code metadata}, {@code tracing}, {@code prompt}) are not looked into.
 *
 * <p>Threads: constants only.
 */
final class GaShapes {

    /** The client event types the live service lists when it refuses an unknown one, in its order. */
    static final List<String> CLIENT_EVENT_TYPES = List.of("session.update", "session.close",
            "input_audio_buffer.append", "session.input_audio_buffer.append", "input_audio_buffer.commit",
            "input_audio_buffer.clear", "conversation.item.create", "conversation.item.truncate",
            "conversation.item.delete", "conversation.item.retrieve", "response.create", "response.cancel");

    static final List<String> VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse",
            "marin", "cedar");

    private static final Shape FORMAT = tagged(Map.of(
            "audio/pcm", object().field("type", string()).field("rate", integer(AudioFormat.PCM_RATE, AudioFormat.PCM_RATE)),
            "audio/pcmu", object().field("type", string()),
            "audio/pcma", object().field("type", string())));

    private static final Shape VOICE = stringOr(oneOf(VOICES.toArray(String[]::new)),
            object().required("id", string()));

    private static final Shape TURN_DETECTION = tagged(Map.of(
            "server_vad", object().field("type", string())
                    .field("threshold", number(0.0, 1.0))
                    .field("prefix_padding_ms", integer(0, Integer.MAX_VALUE))
                    .field("silence_duration_ms", integer(0, Integer.MAX_VALUE))
                    .field("idle_timeout_ms", nullable(integer(0, Integer.MAX_VALUE)))
                    .field("create_response", bool())
                    .field("interrupt_response", bool()),
            "semantic_vad", object().field("type", string())
                    .field("eagerness", oneOf("low", "medium", "high", "auto"))
                    .field("create_response", bool())
                    .field("interrupt_response", bool())));

    private static final Shape TRANSCRIPTION = object()
            .field("model", string())
            .field("language", nullable(string()))
            .field("languages", nullable(arrayOf(string())))
            .field("prompt", nullable(string()))
            .field("keywords", nullable(arrayOf(string())))
            .field("delay", nullable(anything()));

    private static final Shape NOISE_REDUCTION = object()
            .field("type", oneOf("near_field", "far_field"))
            .field("strength", number(0.0, 1.0));

    private static final Shape AUDIO_INPUT = object()
            .field("format", FORMAT)
            .field("noise_reduction", nullable(NOISE_REDUCTION))
            .field("transcription", nullable(TRANSCRIPTION))
            .field("turn_detection", nullable(TURN_DETECTION));

    private static final Shape AUDIO_OUTPUT = object()
            .field("format", FORMAT)
            .field("voice", VOICE)
            .field("speed", number(0.25, 1.5));

    private static final Shape TOOLS = arrayOf(tagged(Map.of(
            "function", object().field("type", string()).required("name", string())
                    .field("description", string()).field("parameters", anything()),
            "mcp", object().field("type", string()).required("server_label", string())
                    .field("server_url", string()).field("connector_id", string())
                    .field("authorization", string()).field("headers", nullable(anyObject()))
                    .field("allowed_tools", nullable(anything())).field("require_approval", nullable(anything()))
                    .field("server_description", string()))));

    private static final Shape TOOL_CHOICE = stringOr(oneOf("auto", "none", "required"), tagged(Map.of(
            "function", object().field("type", string()).required("name", string()),
            "mcp", object().field("type", string()).required("server_label", string()).field("name", string()))));

    private static final Shape MAX_OUTPUT_TOKENS = integerOr(integer(1, 4096), oneOf("inf"));

    private static final Shape OUTPUT_MODALITIES = arrayOf(oneOf("text", "audio"));

    /** {@code session} of {@code session.update}; {@code type} is required. */
    static final Shape SESSION = object()
            .required("type", oneOf("realtime"))
            .field("model", string())
            .field("instructions", string())
            .field("output_modalities", OUTPUT_MODALITIES)
            .field("max_output_tokens", MAX_OUTPUT_TOKENS)
            .field("audio", object().field("input", AUDIO_INPUT).field("output", AUDIO_OUTPUT))
            .field("tools", TOOLS)
            .field("tool_choice", TOOL_CHOICE)
            .field("parallel_tool_calls", bool())
            .field("truncation", stringOr(oneOf("auto", "disabled"), tagged(Map.of("retention_ratio", object()
                    .field("type", string()).required("retention_ratio", number(0.0, 1.0))
                    .field("token_limits", anyObject())))))
            .field("tracing", nullable(stringOr(oneOf("auto"), object().field("workflow_name", string())
                    .field("group_id", string()).field("metadata", anything()))))
            .field("include", nullable(arrayOf(oneOf("item.input_audio_transcription.logprobs"))))
            .field("prompt", nullable(object().required("id", string()).field("version", nullable(string()))
                    .field("variables", nullable(anyObject()))))
            .field("reasoning", object().field("effort", oneOf("minimal", "low", "medium", "high", "xhigh")));

    private static final Shape CONTENT = tagged(Map.of(
            "input_text", object().field("type", string()).required("text", string()),
            "input_audio", object().field("type", string()).field("audio", string())
                    .field("transcript", nullable(string())),
            "input_image", object().field("type", string()).field("image_url", string())
                    .field("detail", oneOf("auto", "low", "high")),
            "output_text", object().field("type", string()).required("text", string()),
            "output_audio", object().field("type", string()).field("audio", string())
                    .field("transcript", nullable(string()))));

    private static final ObjectShape ITEM_HEADER = object().field("type", string()).field("id", string())
            .field("object", oneOf("realtime.item")).field("status", oneOf("completed", "incomplete", "in_progress"));

    /** {@code item} of {@code conversation.item.create} (and of {@code response.input}). */
    static final Shape ITEM = tagged(Map.of(
            "message", ITEM_HEADER.required("role", oneOf("user", "assistant", "system"))
                    .required("content", arrayOf(CONTENT)),
            "function_call", ITEM_HEADER.field("call_id", string()).required("name", string())
                    .required("arguments", string()),
            "function_call_output", ITEM_HEADER.required("call_id", string()).required("output", string())));

    /** {@code response} of {@code response.create}. */
    static final Shape RESPONSE = object()
            .field("output_modalities", OUTPUT_MODALITIES)
            .field("instructions", string())
            .field("max_output_tokens", MAX_OUTPUT_TOKENS)
            .field("conversation", oneOf("auto", "none"))
            .field("input", arrayOf((v, path) -> {
                if ("item_reference".equals(v.path("type").asString(""))) {
                    object().field("type", string()).required("id", string()).check(v, path);
                } else {
                    ITEM.check(v, path);
                }
            }))
            .field("metadata", nullable(anyObject()))
            .field("tools", TOOLS)
            .field("tool_choice", TOOL_CHOICE)
            .field("parallel_tool_calls", bool())
            .field("prompt", nullable(anyObject()))
            .field("reasoning", object().field("effort", oneOf("minimal", "low", "medium", "high", "xhigh")))
            .field("audio", object().field("output", object().field("format", FORMAT).field("voice", VOICE)));

    private static final ObjectShape EVENT = object().field("type", string()).field("event_id", string());

    /** The top level of each accepted client event type. */
    static final Map<String, Shape> EVENTS = Map.ofEntries(
            Map.entry("session.update", EVENT.required("session", anyObject())),
            Map.entry("session.close", EVENT),
            Map.entry("input_audio_buffer.append", EVENT.required("audio", string())),
            Map.entry("session.input_audio_buffer.append", EVENT.required("audio", string())),
            Map.entry("input_audio_buffer.commit", EVENT),
            Map.entry("input_audio_buffer.clear", EVENT),
            Map.entry("conversation.item.create", EVENT.field("previous_item_id", nullable(string()))
                    .required("item", anyObject())),
            Map.entry("conversation.item.truncate", EVENT.required("item_id", string())
                    .required("content_index", integer(0, Integer.MAX_VALUE))
                    .required("audio_end_ms", integer(0, Integer.MAX_VALUE))),
            Map.entry("conversation.item.delete", EVENT.required("item_id", string())),
            Map.entry("conversation.item.retrieve", EVENT.required("item_id", string())),
            Map.entry("response.create", EVENT.field("response", anyObject())),
            Map.entry("response.cancel", EVENT.field("response_id", string())));

    private GaShapes() {}
}

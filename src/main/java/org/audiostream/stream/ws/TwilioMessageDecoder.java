package org.audiostream.stream.ws;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The inbound half of the Twilio dialect: what a Twilio Media Streams app sends on a bidirectional stream,
 * decoded in one streaming pass ({@code payload} is measured against {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN}
 * before it is decoded, as {@code audioData} is in the default dialect).
 *
 * <ul>
 *   <li>{@code {"event":"media","streamSid":..,"media":{"payload":"<base64 μ-law 8 kHz>"}}} →
 *       {@link StreamAudioMessage.MulawAudio};</li>
 *   <li>{@code {"event":"mark","streamSid":..,"mark":{"name":"x"}}} → {@link StreamAudioMessage.Mark};</li>
 *   <li>{@code {"event":"clear","streamSid":..}} → {@link StreamAudioMessage.Clear};</li>
 *   <li>any other valid JSON → {@link StreamAudioMessage.Json}; invalid JSON, or one of the above that cannot
 *       be used → {@link StreamAudioMessage.Rejected} with the reason.</li>
 * </ul>
 *
 * {@code streamSid} is not checked: the stream is the connection. Threads: immutable; any thread.
 */
final class TwilioMessageDecoder implements MessageDecoder {


    private final int maxPayloadBase64Len;

    /** @param maxPayloadBase64Len {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN}, in base64 characters */
    TwilioMessageDecoder(int maxPayloadBase64Len) {
        if (maxPayloadBase64Len < 1) {
            throw new IllegalArgumentException("maxPayloadBase64Len=" + maxPayloadBase64Len + " must be >= 1");
        }
        this.maxPayloadBase64Len = maxPayloadBase64Len;
    }

    @Override
    public StreamAudioMessage decode(String text) {
        Members m = new Members();
        StreamAudioMessage notAnObject = SingleJsonValue.read(text, p -> readRoot(p, m));
        if (notAnObject != null) {
            return notAnObject;
        }
        return classify(m, text);
    }

    private static StreamAudioMessage classify(Members m, String text) {
        switch (m.event == null ? "" : m.event) {
            case "media":
                String problem = m.mediaProblem != null ? m.mediaProblem
                        : !m.hasMedia ? "media message without a media object"
                        : m.payload == null ? "media.payload missing"
                        : m.payload.problem() != null ? m.payload.problem()
                        : m.payload.bytes().length == 0 ? "media.payload is empty" : null;
                return problem == null ? new StreamAudioMessage.MulawAudio(m.payload.bytes())
                        : new StreamAudioMessage.Rejected(problem, text);
            case "mark":
                if (m.markName == null || m.markName.isEmpty()) {
                    return new StreamAudioMessage.Rejected("mark.name must be a non-empty string", text);
                }
                return new StreamAudioMessage.Mark(m.markName);
            case "clear":
                return new StreamAudioMessage.Clear("clear");
            default:
                return new StreamAudioMessage.Json(text);
        }
    }

    private void readRoot(JsonParser p, Members m) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "event" -> m.event = value == JsonToken.VALUE_STRING ? p.getString() : null;
                case "media" -> {
                    m.hasMedia = true;
                    if (value == JsonToken.START_OBJECT) {
                        readMedia(p, m);
                    } else {
                        m.mediaProblem = "media must be an object, got " + JsonValueText.describe(p, value);
                    }
                }
                case "mark" -> {
                    if (value == JsonToken.START_OBJECT) {
                        readMark(p, m);
                    }
                }
                default -> { }
            }
            p.skipChildren();
        }
    }

    private void readMedia(JsonParser p, Members m) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("payload")) {
                m.payload = Base64Member.read(p, "media.payload", value, maxPayloadBase64Len);
            }
            p.skipChildren();
        }
    }

    private static void readMark(JsonParser p, Members m) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("name") && value == JsonToken.VALUE_STRING) {
                m.markName = p.getString();
            }
            p.skipChildren();
        }
    }

    /** The members of one message that matter. */
    private static final class Members {
        String event;
        boolean hasMedia;
        String mediaProblem;
        Base64Member.Decoded payload;
        String markName;
    }
}

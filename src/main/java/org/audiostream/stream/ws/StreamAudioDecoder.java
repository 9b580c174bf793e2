package org.audiostream.stream.ws;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Decodes the text messages a stream target sends (mod_audio_stream §1.4, PR #118 inject, jambonz marks)
 * into {@link StreamAudioMessage}s, in one streaming pass: {@code audioData} is measured against
 * {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN} before it is decoded and is never turned into a
 * {@code String}; the other members of its object are echoed verbatim into {@code dataJson} (sliced
 * from the message text).
 *
 * <ul>
 *   <li>{@code {"type":"streamAudio","data":{"audioDataType":"raw","sampleRate":8000,"audioData":"..",
 *       "channels":1}}} → {@link StreamAudioMessage.Audio}; a root with {@code audioData} or
 *       {@code audioDataType} (and no known {@code type}) is the same in shorthand, its other members
 *       except {@code data} echoed;</li>
 *   <li>{@code {"type":"streamAudio","data":{"clear":true}}}, {@code {"clear":true}},
 *       {@code {"type":"killAudio"}}, {@code {"type":"clearAudio"}} → {@link StreamAudioMessage.Clear};</li>
 *   <li>{@code {"type":"mark","data":{"name":"x"}}} → {@link StreamAudioMessage.Mark};
 *       {@code {"type":"clearMarks"}} → {@link StreamAudioMessage.ClearMarks};</li>
 *   <li>with file mode on, {@code raw|wav|mp3|ogg|pcmu|pcma} → {@link StreamAudioMessage.FileAudio};</li>
 *   <li>any other valid JSON → {@link StreamAudioMessage.Json}; invalid JSON or an unusable audio message
 *       → {@link StreamAudioMessage.Rejected} with the reason.</li>
 * </ul>
 *
 * <p>Raw injection accepts any rate from {@link #MIN_INJECT_SAMPLE_RATE} to {@link #MAX_INJECT_SAMPLE_RATE} Hz,
 * as mod_audio_stream's speex resampler does; file mode
 * accepts mod_audio_stream's raw rates {@link #FILE_RAW_SAMPLE_RATES}. The inbound half of the mod_audio_stream
 * dialect. Threads: immutable; any thread.
 */
public final class StreamAudioDecoder implements MessageDecoder {

    /** Raw rates accepted for injection, in Hz (the session resamples them to the call's rate). */
    public static final int MIN_INJECT_SAMPLE_RATE = 8000;
    public static final int MAX_INJECT_SAMPLE_RATE = 96000;

    /** Raw rates accepted in file mode (mod_audio_stream's {@code .r8} … {@code .r64}). */
    public static final int[] FILE_RAW_SAMPLE_RATES = {8000, 16000, 24000, 32000, 48000, 64000};

    /** Default {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN}: 4 MiB. */
    public static final int DEFAULT_MAX_AUDIO_BASE64_LEN = 4 << 20;

    private static final String FILE_TYPES = "[raw, wav, mp3, ogg, pcmu, pcma]";


    private final int maxAudioBase64Len;
    private final boolean fileMode;

    /**
     * @param maxAudioBase64Len {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN}, in base64 characters
     * @param fileMode legacy file mode: audio is written to files instead of injected
     */
    public StreamAudioDecoder(int maxAudioBase64Len, boolean fileMode) {
        if (maxAudioBase64Len < 1) {
            throw new IllegalArgumentException("maxAudioBase64Len=" + maxAudioBase64Len + " must be >= 1");
        }
        this.maxAudioBase64Len = maxAudioBase64Len;
        this.fileMode = fileMode;
    }

    /** Decodes one text message. Never throws for bad input. */
    @Override
    public StreamAudioMessage decode(String text) {
        Members root = new Members(true);
        StreamAudioMessage notAnObject = SingleJsonValue.read(text, p -> readObject(p, root, text));
        if (notAnObject != null) {
            return notAnObject;
        }
        return classify(root, text);
    }

    private StreamAudioMessage classify(Members root, String text) {
        String type = root.type == null ? "" : root.type;
        switch (type) {
            case "streamAudio": {
                Members data = root.data != null ? root.data : root.hasAudioFields() ? root : null;
                if (data == null) {
                    return new StreamAudioMessage.Rejected("streamAudio without a data object", text);
                }
                return data.clear ? new StreamAudioMessage.Clear("streamAudio.clear") : audio(data, text);
            }
            case "killAudio":
            case "clearAudio":
                return new StreamAudioMessage.Clear(type);
            case "mark":
                if (root.data == null) {
                    return new StreamAudioMessage.Rejected("mark without a data object", text);
                }
                if (root.data.name == null || root.data.name.isEmpty()) {
                    return new StreamAudioMessage.Rejected("mark data.name must be a non-empty string", text);
                }
                return new StreamAudioMessage.Mark(root.data.name);
            case "clearMarks":
                return new StreamAudioMessage.ClearMarks();
            default:
                if (root.clear) {
                    return new StreamAudioMessage.Clear("clear");
                }
                return root.hasAudioFields() ? audio(root, text) : new StreamAudioMessage.Json(text);
        }
    }

    private StreamAudioMessage audio(Members d, String text) {
        String problem = firstProblem(d);
        if (problem != null) {
            return new StreamAudioMessage.Rejected(problem, text);
        }
        return fileMode ? fileAudio(d, text) : injectAudio(d, text);
    }

    private static String firstProblem(Members d) {
        if (d.audioDataTypeProblem != null) {
            return d.audioDataTypeProblem;
        }
        if (d.audioDataType == null) {
            return "audioDataType missing";
        }
        if (d.sampleRateProblem != null) {
            return d.sampleRateProblem;
        }
        if (d.channelsProblem != null) {
            return d.channelsProblem;
        }
        if (d.audioProblem != null) {
            return d.audioProblem;
        }
        if (d.audio == null) {
            return "audioData missing";
        }
        return d.audio.length == 0 ? "audioData is empty" : null;
    }

    private StreamAudioMessage injectAudio(Members d, String text) {
        if (!d.audioDataType.equals("raw")) {
            return new StreamAudioMessage.Rejected("audioDataType=\"" + d.audioDataType
                    + "\" not supported for injection; accepted [raw] (file mode is off)", text);
        }
        if (d.sampleRate < 0) {
            return new StreamAudioMessage.Rejected("sampleRate missing", text);
        }
        if (d.sampleRate < MIN_INJECT_SAMPLE_RATE || d.sampleRate > MAX_INJECT_SAMPLE_RATE) {
            return new StreamAudioMessage.Rejected("sampleRate=" + d.sampleRate + " out of range "
                    + MIN_INJECT_SAMPLE_RATE + "-" + MAX_INJECT_SAMPLE_RATE, text);
        }
        int channels = d.channels < 0 ? 1 : d.channels;
        if (channels != 1 && channels != 2) {
            return new StreamAudioMessage.Rejected("channels=" + channels + " not one of [1, 2]", text);
        }
        int frameBytes = 2 * channels;
        int trimmed = d.audio.length % frameBytes;
        if (trimmed == d.audio.length) {
            return new StreamAudioMessage.Rejected("audioData decodes to " + d.audio.length
                    + " bytes, less than one sample frame of " + frameBytes + " bytes", text);
        }
        byte[] pcm = trimmed == 0 ? d.audio : Arrays.copyOf(d.audio, d.audio.length - trimmed);
        return new StreamAudioMessage.Audio(pcm, d.sampleRate, channels, trimmed, d.dataJson());
    }

    private static StreamAudioMessage fileAudio(Members d, String text) {
        String type = d.audioDataType;
        int rate = Math.max(d.sampleRate, 0);
        String suffix;
        switch (type) {
            case "raw":
                if (d.sampleRate < 0) {
                    return new StreamAudioMessage.Rejected("sampleRate missing", text);
                }
                if (!contains(FILE_RAW_SAMPLE_RATES, d.sampleRate)) {
                    return new StreamAudioMessage.Rejected("sampleRate=" + d.sampleRate + " not one of "
                            + Arrays.toString(FILE_RAW_SAMPLE_RATES) + " for raw files", text);
                }
                suffix = ".r" + d.sampleRate / 1000;
                break;
            case "wav":
            case "mp3":
            case "ogg":
            case "pcmu":
            case "pcma":
                suffix = "." + type;
                break;
            default:
                return new StreamAudioMessage.Rejected("audioDataType=\"" + type + "\" not one of " + FILE_TYPES,
                        text);
        }
        return new StreamAudioMessage.FileAudio(d.audio, type, rate, suffix, d.dataJson());
    }

    /**
     * Reads one object's members; every member except {@code audioData} (and the root's {@code data}) is
     * remembered as a slice of {@code text}, so {@code dataJson} echoes it verbatim without a generator.
     */
    private void readObject(JsonParser p, Members m, String text) {
        m.text = text;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            int start = (int) p.currentTokenLocation().getCharOffset();
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("audioData")) {
                readAudioData(p, m, value);
                p.skipChildren();
                continue;
            }
            if (name.equals("data") && m.root && value == JsonToken.START_OBJECT) {
                m.data = new Members(false);
                readObject(p, m.data, text);
                continue;
            }
            interpret(p, m, name, value);
            p.skipChildren();
            p.finishToken();
            m.addSlice(start, (int) p.currentLocation().getCharOffset());
        }
    }

    private static void interpret(JsonParser p, Members m, String name, JsonToken value) {
        switch (name) {
            case "type" -> m.type = m.root && value == JsonToken.VALUE_STRING ? p.getString() : m.type;
            case "audioDataType" -> {
                m.hasAudioDataType = true;
                if (value == JsonToken.VALUE_STRING) {
                    m.audioDataType = p.getString();
                } else {
                    m.audioDataTypeProblem = "audioDataType must be a string, got " + JsonValueText.describe(p, value);
                }
            }
            case "sampleRate" -> {
                if (isInt(p, value)) {
                    m.sampleRate = p.getIntValue();
                } else {
                    m.sampleRateProblem = "sampleRate must be an integer, got " + JsonValueText.describe(p, value);
                }
            }
            case "channels" -> {
                if (isInt(p, value)) {
                    m.channels = p.getIntValue();
                } else {
                    m.channelsProblem = "channels must be an integer, got " + JsonValueText.describe(p, value);
                }
            }
            case "clear" -> m.clear = value == JsonToken.VALUE_TRUE;
            case "name" -> m.name = value == JsonToken.VALUE_STRING ? p.getString() : null;
            default -> {
            }
        }
    }

    private void readAudioData(JsonParser p, Members m, JsonToken value) {
        m.hasAudioData = true;
        Base64Member.Decoded audio = Base64Member.read(p, "audioData", value, maxAudioBase64Len);
        m.audio = audio.bytes();
        m.audioProblem = audio.problem();
    }

    private static boolean isInt(JsonParser p, JsonToken value) {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The members of one JSON object that matter to us, plus where the others are in the text. */
    private static final class Members {
        final boolean root;
        String text;
        String type;
        Members data;
        boolean hasAudioData;
        boolean hasAudioDataType;
        String audioDataType;
        String audioDataTypeProblem;
        int sampleRate = -1;
        String sampleRateProblem;
        int channels = -1;
        String channelsProblem;
        byte[] audio;
        String audioProblem;
        boolean clear;
        String name;
        private int[] slices = new int[16];
        private int sliceCount;

        Members(boolean root) {
            this.root = root;
        }

        boolean hasAudioFields() {
            return hasAudioData || hasAudioDataType;
        }

        void addSlice(int start, int end) {
            if (sliceCount + 2 > slices.length) {
                slices = Arrays.copyOf(slices, slices.length * 2);
            }
            slices[sliceCount++] = start;
            slices[sliceCount++] = end;
        }

        /** The object without {@code audioData}: its other members, verbatim, in order. */
        String dataJson() {
            StringBuilder out = new StringBuilder(64).append('{');
            for (int i = 0; i < sliceCount; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(text, slices[i], slices[i + 1]);
            }
            return out.append('}').toString();
        }
    }
}

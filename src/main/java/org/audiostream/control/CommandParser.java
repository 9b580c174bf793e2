package org.audiostream.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.audiostream.media.MixMode;
import org.audiostream.stream.ws.WsClientConfig;
import org.audiostream.stream.ws.WsProtocol;
import org.audiostream.stream.ws.WsUrl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the {@code uuid_audio_stream} text grammar into a {@link Command}, or into the {@code -USAGE:} /
 * {@code -ERR} reply that refuses it.
 *
 * <pre>
 * [uuid_audio_stream] &lt;uuid&gt; start &lt;ws-url&gt; &lt;mono|mixed|stereo&gt; [rate] [protocol=&lt;name&gt;] [metadata...]
 * [uuid_audio_stream] &lt;uuid&gt; stop [text...]
 * [uuid_audio_stream] &lt;uuid&gt; send_text &lt;text...&gt;
 * [uuid_audio_stream] &lt;uuid&gt; pause | resume | health
 * [uuid_audio_stream] &lt;uuid&gt; start_ai [json-object]
 * [uuid_audio_stream] &lt;uuid&gt; ai_function_result &lt;call_id&gt; &lt;json...&gt;
 * [uuid_audio_stream] global_health
 * uuid_kill | uuid_deflect | uuid_send_dtmf | uuid_break &lt;uuid&gt; ...   (see {@link CallControlParser})
 * </pre>
 *
 * <p>Words are separated by spaces or tabs; subcommands and mix types are case-insensitive. The last
 * argument (metadata, stop text, send_text text) takes the rest of the line verbatim, unlike FreeSWITCH's
 * {@code switch_separate_string}, which would cut {@code send_text hello world} to {@code hello}; a rest
 * wrapped in one pair of single quotes loses them, as fs_cli users quote it. {@code rate} is {@code 8k},
 * {@code 16k}, {@code 24k}, ... or any multiple of 8000 Hz up to 96000 (mod_audio_stream takes multiples of 8000
 * and rejected {@code 24k}; we accept it); without it the session's AUDIO_STREAM_SAMPLING applies (default 8000); it must be given when metadata follows.
 * {@code protocol=twilio} (or {@code mod_audio_stream}) picks the stream's WebSocket dialect, over the session's
 * AUDIO_STREAM_PROTOCOL; it is recognised where the rate or right after it stands, so metadata that itself
 * begins with {@code protocol=} needs a {@code protocol=} word before it. Threads: stateless; any thread.
 */
public final class CommandParser {

    /** FreeSWITCH's {@code MAX_SESSION_ID}. */
    public static final int MAX_UUID_LENGTH = 256;

    /** {@code Start.sampleRate()} when {@code start} gives no rate: the session's {@code AUDIO_STREAM_SAMPLING} applies. */
    public static final int RATE_NOT_GIVEN = 0;

    /** The highest stream rate {@code start} takes, in Hz. */
    public static final int MAX_RATE = 96000;

    static final String USAGE = "uuid_audio_stream <uuid> [start | stop | send_text | pause | resume | start_ai"
            + " | ai_function_result | health] [ws-url] [mono | mixed | stereo] [8k | 16k | 24k | 32k | 48k | 8000 | 16000 | 24000"
            + " | 32000 | 48000] [metadata] | uuid_audio_stream global_health";
    static final String START_USAGE = "uuid_audio_stream <uuid> start <ws-url> <mono | mixed | stereo>"
            + " [8k | 16k | 24k | 32k | 48k | 8000 | 16000 | 24000 | 32000 | 48000] [protocol=<name>] [metadata]";
    private static final String PROTOCOL_WORD = "protocol=";
    static final String SEND_TEXT_USAGE = "uuid_audio_stream <uuid> send_text <text>";
    static final String FUNCTION_RESULT_USAGE = "uuid_audio_stream <uuid> ai_function_result <call_id> <json>";
    /** Largest {@code start_ai} JSON and function result accepted. */
    static final int MAX_AI_ARGUMENT_BYTES = 64 * 1024;

    private static final String RATES = "a multiple of 8000 up to 96000 (8k, 16k, 24k, 32k, 48k, 64k, 96k or in Hz)";
    private static final String SUBCOMMANDS = "[start, stop, send_text, pause, resume, start_ai, ai_function_result, health]";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CommandParser() {
    }

    /**
     * Parses a command received as bytes, checking that they are valid UTF-8 first.
     */
    public static CommandParseResult parse(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return refuse(String.format("command is not valid UTF-8: malformed byte 0x%02X at offset %d",
                    utf8[in.position()] & 0xff, in.position()));
        }
        return parse(out.flip().toString());
    }

    /** Parses one command line; a trailing {@code \n} or {@code \r\n} is ignored. */
    public static CommandParseResult parse(String line) {
        if (line == null) {
            return usage(USAGE);
        }
        String text = stripLineEnd(line);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return refuse("command must be one line: line break at index " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return refuse(String.format("command is not valid UTF-8: unpaired surrogate U+%04X at index %d",
                            (int) c, i));
                }
                i++;
            }
        }
        Cursor cursor = new Cursor(text);
        String first = cursor.next();
        if (first != null && CallControlParser.isCallControl(first)) {
            String uuid = cursor.next();
            String problem = uuid == null ? null : checkUuid(uuid);
            return problem != null ? refuse(problem) : CallControlParser.parse(first, uuid, cursor.restOrNull());
        }
        if (first != null && first.equalsIgnoreCase("uuid_audio_stream")) {
            first = cursor.next();
        }
        if (first == null) {
            return usage(USAGE);
        }
        if (first.equalsIgnoreCase("global_health")) {
            return noMoreArguments(cursor, "global_health", new Command.GlobalHealth());
        }
        String uuidProblem = checkUuid(first);
        if (uuidProblem != null) {
            return refuse(uuidProblem);
        }
        String uuid = first;
        String sub = cursor.next();
        if (sub == null) {
            return usage(USAGE);
        }
        return switch (sub.toLowerCase(Locale.ROOT)) {
            case "start" -> parseStart(uuid, cursor);
            case "stop" -> new CommandParseResult.Parsed(new Command.Stop(uuid, cursor.restOrNull()));
            case "send_text" -> {
                String rest = cursor.restOrNull();
                yield rest == null ? usage(SEND_TEXT_USAGE)
                        : new CommandParseResult.Parsed(new Command.SendText(uuid, rest));
            }
            case "pause" -> noMoreArguments(cursor, "pause", new Command.Pause(uuid));
            case "resume" -> noMoreArguments(cursor, "resume", new Command.Resume(uuid));
            case "start_ai" -> parseStartAi(uuid, cursor.restOrNull());
            case "ai_function_result" -> parseFunctionResult(uuid, cursor);
            case "health" -> noMoreArguments(cursor, "health", new Command.Health(uuid));
            default -> refuse("unknown subcommand=" + quote(sub) + ", expected one of " + SUBCOMMANDS);
        };
    }

    private static CommandParseResult parseStartAi(String uuid, String json) {
        if (json == null) {
            return new CommandParseResult.Parsed(new Command.StartAi(uuid, Map.of()));
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_AI_ARGUMENT_BYTES) {
            return refuse("start_ai JSON longer than " + MAX_AI_ARGUMENT_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return refuse("start_ai takes a JSON object of AUDIO_STREAM_AI_* variables, got invalid JSON "
                    + quote(abbreviate(json)));
        }
        if (!node.isObject()) {
            return refuse("start_ai takes a JSON object of AUDIO_STREAM_AI_* variables, got " + quote(abbreviate(json)));
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject() || v.isNull()) {
                return refuse("start_ai variable " + quote(e.getKey()) + " must be a string, number, boolean or array");
            }
            overrides.put(e.getKey(), v.isValueNode() ? v.asString() : v.toString());
        }
        return new CommandParseResult.Parsed(new Command.StartAi(uuid, overrides));
    }

    private static CommandParseResult parseFunctionResult(String uuid, Cursor cursor) {
        String callId = cursor.next();
        String output = cursor.restOrNull();
        if (callId == null || output == null) {
            return usage(FUNCTION_RESULT_USAGE);
        }
        if (output.getBytes(StandardCharsets.UTF_8).length > MAX_AI_ARGUMENT_BYTES) {
            return refuse("ai_function_result output longer than " + MAX_AI_ARGUMENT_BYTES + " bytes");
        }
        return new CommandParseResult.Parsed(new Command.AiFunctionResult(uuid, callId, output));
    }

    private static CommandParseResult parseStart(String uuid, Cursor cursor) {
        String urlText = cursor.next();
        String mixText = cursor.next();
        if (urlText == null || mixText == null) {
            return usage(START_USAGE);
        }
        WsUrl url;
        try {
            url = WsUrl.parse(urlText);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        MixMode mix;
        try {
            mix = MixMode.parse(mixText);
        } catch (IllegalArgumentException e) {
            return refuse("mix type=" + quote(mixText) + " not one of [mono, mixed, stereo]");
        }
        int rate = RATE_NOT_GIVEN;
        if (!cursor.startsWith(PROTOCOL_WORD)) {
            String rateText = cursor.next();
            if (rateText != null) {
                rate = parseRate(rateText);
                if (rate < 0) {
                    return refuse("sample rate=" + quote(rateText) + " is not " + RATES
                            + " (the rate must come before metadata)");
                }
            }
        }
        WsProtocol protocol = null;
        if (cursor.startsWith(PROTOCOL_WORD)) {
            String word = cursor.next();
            try {
                protocol = WsProtocol.parse(word.substring(PROTOCOL_WORD.length()));
            } catch (IllegalArgumentException e) {
                return refuse(e.getMessage());
            }
        }
        String metadata = cursor.restOrNull();
        if (metadata != null) {
            int bytes = metadata.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > WsClientConfig.MAX_METADATA_BYTES) {
                return refuse("metadata length=" + bytes + " bytes > " + WsClientConfig.MAX_METADATA_BYTES);
            }
        }
        return new CommandParseResult.Parsed(new Command.Start(uuid, url, mix, rate, protocol, metadata));
    }

    /**
     * Returns the rate in Hz, or -1 if the word is not an accepted rate: a multiple of 8000 Hz up to
     * {@value #MAX_RATE}, as mod_audio_stream takes, or one of the {@code k} forms.
     */
    static int parseRate(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean kilo = t.endsWith("k");
        String digits = kilo ? t.substring(0, t.length() - 1) : t;
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int rate = Integer.parseInt(digits) * (kilo ? 1000 : 1);
        return rate > 0 && rate <= MAX_RATE && rate % 8000 == 0 ? rate : -1;
    }

    private static String checkUuid(String uuid) {
        if (uuid.length() > MAX_UUID_LENGTH) {
            return "uuid length=" + uuid.length() + " > " + MAX_UUID_LENGTH;
        }
        for (int i = 0; i < uuid.length(); i++) {
            char c = uuid.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return String.format("uuid character U+%04X at index %d not allowed, uuid must be printable ASCII",
                        (int) c, i);
            }
        }
        return null;
    }

    private static CommandParseResult noMoreArguments(Cursor cursor, String sub, Command command) {
        String extra = cursor.restOrNull();
        if (extra != null) {
            return refuse(sub + " takes no arguments, got " + quote(abbreviate(extra)));
        }
        return new CommandParseResult.Parsed(command);
    }

    private static String stripLineEnd(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    private static CommandParseResult usage(String text) {
        return new CommandParseResult.Refused(Reply.usage(text));
    }

    private static CommandParseResult refuse(String reason) {
        return new CommandParseResult.Refused(Reply.err(reason));
    }

    private static String quote(String s) {
        return "\"" + abbreviate(s) + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** Splits words on spaces and tabs; {@link #restOrNull()} returns the rest of the line. */
    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
            skipBlanks();
        }

        String next() {
            if (pos >= text.length()) {
                return null;
            }
            int start = pos;
            while (pos < text.length() && !isBlank(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            skipBlanks();
            return word;
        }

        /** Whether the next word begins with {@code prefix}, ignoring case. */
        boolean startsWith(String prefix) {
            return text.regionMatches(true, pos, prefix, 0, prefix.length());
        }

        String restOrNull() {
            if (pos >= text.length()) {
                return null;
            }
            String rest = text.substring(pos);
            pos = text.length();
            if (rest.length() >= 2 && rest.charAt(0) == '\'' && rest.charAt(rest.length() - 1) == '\'') {
                rest = rest.substring(1, rest.length() - 1);
            }
            return rest.isEmpty() ? null : rest;
        }

        private void skipBlanks() {
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}

package org.audiostream.control;

import org.audiostream.call.sip.HangupCause;
import org.audiostream.media.MixMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.audiostream.stream.ws.WsProtocol;
import org.audiostream.stream.ws.WsUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static final String UUID = "5b2c9a6e-1f0d-4c55-9a57-2f8a3d7c1e01";

    private static Command parsed(String line) {
        CommandParseResult result = CommandParser.parse(line);
        assertThat(result).isInstanceOf(CommandParseResult.Parsed.class);
        return ((CommandParseResult.Parsed) result).command();
    }

    private static String refused(String line) {
        CommandParseResult result = CommandParser.parse(line);
        assertThat(result).isInstanceOf(CommandParseResult.Refused.class);
        return ((CommandParseResult.Refused) result).reply().line();
    }

    @Test
    void startWithEverything() {
        Command c = parsed("uuid_audio_stream " + UUID + " start wss://app.example:8443/stream?call=1 stereo 16k"
                + " {\"callId\": \"abc\", \"lang\": \"en US\"}");
        assertThat(c).isEqualTo(new Command.Start(UUID, WsUrl.parse("wss://app.example:8443/stream?call=1"),
                MixMode.STEREO, 16000, null, "{\"callId\": \"abc\", \"lang\": \"en US\"}"));
    }

    @Test
    void startWithoutLeadingWordAndDefaults() {
        Command c = parsed(UUID + " start ws://127.0.0.1:9000 mono");
        assertThat(c).isEqualTo(new Command.Start(UUID, WsUrl.parse("ws://127.0.0.1:9000"), MixMode.MONO, CommandParser.RATE_NOT_GIVEN, null, null));
        assertThat(((Command.Start) c).hasMetadata()).isFalse();
    }

    @Test
    void startAiTakesAJsonObjectOfVariables() {
        assertThat(parsed(UUID + " start_ai {\"AUDIO_STREAM_AI_VOICE\":\"cedar\",\"AI_VAD_THRESHOLD\":0.7,"
                + "\"AUDIO_STREAM_AI_TOOLS\":[{\"type\":\"function\",\"name\":\"f\"}]}"))
                .isEqualTo(new Command.StartAi(UUID, Map.of("AUDIO_STREAM_AI_VOICE", "cedar", "AI_VAD_THRESHOLD", "0.7",
                        "AUDIO_STREAM_AI_TOOLS", "[{\"type\":\"function\",\"name\":\"f\"}]")));
        assertThat(refused(UUID + " start_ai {oops")).startsWith("-ERR start_ai takes a JSON object");
        assertThat(refused(UUID + " start_ai [1]")).startsWith("-ERR start_ai takes a JSON object");
        assertThat(refused(UUID + " start_ai {\"AUDIO_STREAM_AI_VOICE\":{\"a\":1}}"))
                .contains("must be a string, number, boolean or array");
    }

    @Test
    void functionResultTakesACallIdAndTheRestAsOutput() {
        assertThat(parsed(UUID + " ai_function_result call_1 {\"ok\": true}"))
                .isEqualTo(new Command.AiFunctionResult(UUID, "call_1", "{\"ok\": true}"));
        assertThat(refused(UUID + " ai_function_result call_1")).startsWith("-USAGE: ");
    }

    @ParameterizedTest
    @CsvSource({"8k,8000", "16k,16000", "24k,24000", "32k,32000", "48k,48000", "8000,8000", "16000,16000",
        "24000,24000", "32000,32000", "48000,48000", "16K,16000", "64000,64000", "96k,96000", "40000,40000"})
    void startAcceptsEveryRate(String word, int hz) {
        Command.Start c = (Command.Start) parsed(UUID + " start ws://h/x mixed " + word);
        assertThat(c.sampleRate()).isEqualTo(hz);
        assertThat(c.mix()).isEqualTo(MixMode.MIXED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"44100", "12k", "16khz", "{\"a\":1}", "0", "104000", "k", "9999999999"})
    void startRejectsOtherRates(String word) {
        assertThat(refused(UUID + " start ws://h/x mono " + word)).isEqualTo("-ERR sample rate=\"" + word
                + "\" is not a multiple of 8000 up to 96000 (8k, 16k, 24k, 32k, 48k, 64k, 96k or in Hz)"
                + " (the rate must come before metadata)");
    }

    @Test
    void protocolWordStandsWhereTheRateOrRightAfterItStands() {
        WsUrl url = WsUrl.parse("ws://h/x");
        assertThat(parsed(UUID + " start ws://h/x stereo 8k protocol=twilio {\"a\":\"b\"}"))
                .isEqualTo(new Command.Start(UUID, url, MixMode.STEREO, 8000, WsProtocol.TWILIO, "{\"a\":\"b\"}"));
        assertThat(parsed(UUID + " start ws://h/x mono PROTOCOL=Twilio {\"a\":1}"))
                .isEqualTo(new Command.Start(UUID, url, MixMode.MONO, CommandParser.RATE_NOT_GIVEN, WsProtocol.TWILIO,
                        "{\"a\":1}"));
        assertThat(parsed(UUID + " start ws://h/x mono protocol=mod_audio_stream"))
                .isEqualTo(new Command.Start(UUID, url, MixMode.MONO, CommandParser.RATE_NOT_GIVEN,
                        WsProtocol.MOD_AUDIO_STREAM, null));
        assertThat(((Command.Start) parsed(UUID + " start ws://h/x mono 8k {\"note\":\"protocol=twilio\"}")).protocol())
                .as("protocol= inside metadata").isNull();
    }

    @Test
    void unknownProtocolIsRefusedNamingTheKnownOnes() {
        assertThat(refused(UUID + " start ws://h/x mono 8k protocol=vonage"))
                .isEqualTo("-ERR protocol=\"vonage\" not one of [mod_audio_stream, twilio]");
    }

    @Test
    void startRejectsBadMixMode() {
        assertThat(refused(UUID + " start ws://h/x quad 8k"))
                .isEqualTo("-ERR mix type=\"quad\" not one of [mono, mixed, stereo]");
    }

    @Test
    void mixTypeIsCaseInsensitive() {
        assertThat(((Command.Start) parsed(UUID + " START ws://h/x Stereo")).mix()).isEqualTo(MixMode.STEREO);
    }

    @Test
    void startRejectsBadUrlWithTheUrlReason() {
        assertThat(refused(UUID + " start http://h/x mono"))
                .isEqualTo("-ERR WS URL rejected: scheme=\"http\" not one of [ws, wss] (url=http://h/x)");
    }

    @Test
    void startWithMissingArgumentsGivesStartUsage() {
        String usage = "-USAGE: " + CommandParser.START_USAGE;
        assertThat(refused(UUID + " start")).isEqualTo(usage);
        assertThat(refused(UUID + " start ws://h/x")).isEqualTo(usage);
    }

    @Test
    void metadataKeepsInnerSpacingAndStripsOnePairOfSingleQuotes() {
        assertThat(((Command.Start) parsed(UUID + " start ws://h mono 8k   a  b  ")).metadata()).isEqualTo("a  b  ");
        assertThat(((Command.Start) parsed(UUID + " start ws://h mono 8k '{\"x\": 1}'")).metadata())
                .isEqualTo("{\"x\": 1}");
    }

    @Test
    void metadataOverTheLimitIsRefused() {
        String ok = "m".repeat(8192);
        assertThat(((Command.Start) parsed(UUID + " start ws://h mono 8k " + ok)).metadata()).hasSize(8192);
        String multiByte = "é".repeat(4097); // 8194 UTF-8 bytes
        assertThat(refused(UUID + " start ws://h mono 8k " + multiByte))
                .isEqualTo("-ERR metadata length=8194 bytes > 8192");
    }

    @Test
    void stopWithAndWithoutText() {
        assertThat(parsed(UUID + " stop")).isEqualTo(new Command.Stop(UUID, null));
        assertThat(parsed(UUID + " stop bye now, thanks")).isEqualTo(new Command.Stop(UUID, "bye now, thanks"));
    }

    @Test
    void sendTextTakesTheRestOfTheLine() {
        assertThat(parsed("uuid_audio_stream " + UUID + " send_text hello world  {\"k\":\"v w\"}"))
                .isEqualTo(new Command.SendText(UUID, "hello world  {\"k\":\"v w\"}"));
        assertThat(parsed(UUID + " send_text 'quoted text'")).isEqualTo(new Command.SendText(UUID, "quoted text"));
    }

    @Test
    void sendTextWithoutTextGivesUsage() {
        assertThat(refused(UUID + " send_text")).isEqualTo("-USAGE: " + CommandParser.SEND_TEXT_USAGE);
        assertThat(refused(UUID + " send_text   ")).isEqualTo("-USAGE: " + CommandParser.SEND_TEXT_USAGE);
    }

    @Test
    void argumentlessSubcommands() {
        assertThat(parsed(UUID + " pause")).isEqualTo(new Command.Pause(UUID));
        assertThat(parsed(UUID + " resume")).isEqualTo(new Command.Resume(UUID));
        assertThat(parsed(UUID + " start_ai")).isEqualTo(new Command.StartAi(UUID, Map.of()));
        assertThat(parsed(UUID + " health")).isEqualTo(new Command.Health(UUID));
        assertThat(parsed("uuid_audio_stream global_health")).isEqualTo(new Command.GlobalHealth());
        assertThat(parsed("GLOBAL_HEALTH\n")).isEqualTo(new Command.GlobalHealth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause", "resume", "health"})
    void argumentlessSubcommandsRefuseArguments(String sub) {
        assertThat(refused(UUID + " " + sub + " now")).isEqualTo("-ERR " + sub + " takes no arguments, got \"now\"");
    }

    @Test
    void globalHealthRefusesArguments() {
        assertThat(refused("global_health x")).isEqualTo("-ERR global_health takes no arguments, got \"x\"");
    }

    @Test
    void tabsAndRunsOfBlanksSeparateWordsAndLineEndsAreIgnored() {
        assertThat(parsed("  uuid_audio_stream\t" + UUID + "  \t pause\r\n")).isEqualTo(new Command.Pause(UUID));
    }

    @Test
    void emptyOrUuidOnlyGivesGeneralUsage() {
        String usage = "-USAGE: " + CommandParser.USAGE;
        assertThat(refused("")).isEqualTo(usage);
        assertThat(refused("   ")).isEqualTo(usage);
        assertThat(refused("uuid_audio_stream")).isEqualTo(usage);
        assertThat(refused(UUID)).isEqualTo(usage);
        assertThat(CommandParser.parse((String) null)).isEqualTo(
                new CommandParseResult.Refused(Reply.usage(CommandParser.USAGE)));
    }

    @Test
    void unknownSubcommandListsTheKnownOnes() {
        assertThat(refused(UUID + " graceful-shutdown")).isEqualTo("-ERR unknown subcommand=\"graceful-shutdown\","
                + " expected one of [start, stop, send_text, pause, resume, start_ai, ai_function_result, health]");
    }

    @Test
    void uuidLimits() {
        assertThat(parsed("u".repeat(256) + " pause")).isEqualTo(new Command.Pause("u".repeat(256)));
        assertThat(refused("u".repeat(257) + " pause")).isEqualTo("-ERR uuid length=257 > 256");
        assertThat(refused("ab\u0007c pause"))
                .isEqualTo("-ERR uuid character U+0007 at index 2 not allowed, uuid must be printable ASCII");
    }

    @Test
    void embeddedLineBreakIsRefused() {
        assertThat(refused(UUID + " send_text a\nb")).isEqualTo("-ERR command must be one line: line break at index 48");
    }

    @Test
    void unpairedSurrogateIsNotUtf8() {
        assertThat(refused(UUID + " send_text a\uD800b"))
                .isEqualTo("-ERR command is not valid UTF-8: unpaired surrogate U+D800 at index 48");
        assertThat(parsed(UUID + " send_text a\uD83D\uDE00b")).isEqualTo(new Command.SendText(UUID, "a\uD83D\uDE00b"));
    }

    @Test
    void bytesMustBeValidUtf8() {
        byte[] good = (UUID + " send_text héllo").getBytes(StandardCharsets.UTF_8);
        assertThat(CommandParser.parse(good)).isEqualTo(
                new CommandParseResult.Parsed(new Command.SendText(UUID, "héllo")));
        byte[] bad = (UUID + " send_text h?llo").getBytes(StandardCharsets.UTF_8);
        bad[48] = (byte) 0xC3; // lead byte followed by an ASCII 'l'
        CommandParseResult result = CommandParser.parse(bad);
        assertThat(((CommandParseResult.Refused) result).reply().line())
                .isEqualTo("-ERR command is not valid UTF-8: malformed byte 0xC3 at offset 48");
    }

    @Test
    void replyFormatting() {
        assertThat(Reply.SUCCESS.wire()).isEqualTo("+OK Success\n");
        assertThat(Reply.err("no such session").line()).isEqualTo("-ERR no such session");
        assertThat(Reply.usage("x").toString()).isEqualTo("-USAGE: x");
        assertThat(Reply.ok("{}").isOk()).isTrue();
    }

    @Test
    void callControlCommands() {
        assertThat(parsed("uuid_kill " + UUID)).isEqualTo(new Command.Kill(UUID, HangupCause.NORMAL_CLEARING));
        assertThat(parsed("UUID_KILL " + UUID + " user_busy")).isEqualTo(new Command.Kill(UUID, HangupCause.USER_BUSY));
        assertThat(parsed("uuid_deflect " + UUID + " sip:agent@pbx.example;transport=tcp"))
                .isEqualTo(new Command.Deflect(UUID, "sip:agent@pbx.example;transport=tcp"));
        assertThat(parsed("uuid_send_dtmf " + UUID + " 12*#ab")).isEqualTo(new Command.SendDtmf(UUID, "12*#AB", 100));
        assertThat(parsed("uuid_send_dtmf " + UUID + " 5@250")).isEqualTo(new Command.SendDtmf(UUID, "5", 250));
        assertThat(parsed("uuid_break " + UUID)).isEqualTo(new Command.Break(UUID));
    }

    @Test
    void callControlRefusals() {
        assertThat(refused("uuid_kill")).isEqualTo("-USAGE: uuid_kill <uuid> [cause]");
        assertThat(refused("uuid_deflect " + UUID)).isEqualTo("-USAGE: uuid_deflect <uuid> <sip-uri>");
        assertThat(refused("uuid_kill " + UUID + " BOGUS")).startsWith("-ERR cause=\"BOGUS\" not one of [NORMAL_CLEARING");
        assertThat(refused("uuid_deflect " + UUID + " tel:+123")).isEqualTo(
                "-ERR sip-uri=\"tel:+123\" must be one sip: or sips: URI without spaces");
        assertThat(refused("uuid_deflect " + UUID + " sip:a b")).startsWith("-ERR sip-uri=");
        assertThat(refused("uuid_send_dtmf " + UUID + " 12x")).isEqualTo("-ERR digits=\"12x\" must be 1-32 of 0-9 * # A-D");
        assertThat(refused("uuid_send_dtmf " + UUID + " 1@10")).isEqualTo("-ERR tone duration=\"10\" must be 40-2000 ms");
        assertThat(refused("uuid_break " + UUID + " now")).isEqualTo("-ERR uuid_break takes no arguments after the uuid");
    }
}

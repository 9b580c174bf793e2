package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of every setting in the schema: each clamp, each parse error, each alias. */
class SchemaRulesTest {

    private static Resolution withOverride(String name, String value) {
        return ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(name, value), "test");
    }

    static Stream<Setting> rangedSettings() {
        return Schema.ALL.settings().stream().filter(s -> s.limits() instanceof Limits.Range);
    }

    static Stream<Setting> oneOfSettings() {
        return Schema.ALL.settings().stream().filter(s -> s.limits() instanceof Limits.OneOf);
    }

    @ParameterizedTest(name = "{0} below its range")
    @MethodSource("rangedSettings")
    void valueBelowRangeIsReplacedWithOneWarning(Setting s) {
        Limits.Range range = (Limits.Range) s.limits();
        String below = s.type() == ValueType.INTEGER ? Long.toString((long) range.min() - 1) : Double.toString(range.min() - 0.5);
        assertClamped(s, below, range);
    }

    @ParameterizedTest(name = "{0} above its range")
    @MethodSource("rangedSettings")
    void valueAboveRangeIsReplacedWithOneWarning(Setting s) {
        Limits.Range range = (Limits.Range) s.limits();
        String above = s.type() == ValueType.INTEGER ? Long.toString((long) range.max() + 1) : Double.toString(range.max() + 0.5);
        assertClamped(s, above, range);
    }

    private static void assertClamped(Setting s, String given, Limits.Range range) {
        Resolution r = withOverride(s.name(), given);
        assertThat(r.errors()).isEmpty();
        List<ConfigProblem> warnings = r.warnings().stream().filter(p -> p.setting().equals(s.name())).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).message())
                .contains(s.name() + "=" + given)
                .contains(range.describe())
                .contains("using " + s.display(range.replacement()));
        assertThat(r.config().value(s)).contains(range.replacement());
    }

    @ParameterizedTest(name = "{0} bounds are accepted")
    @MethodSource("rangedSettings")
    void rangeBoundsAreAcceptedWithoutWarning(Setting s) {
        Limits.Range range = (Limits.Range) s.limits();
        for (double bound : new double[] {range.min(), range.max()}) {
            String text = s.type() == ValueType.INTEGER ? Long.toString((long) bound) : Double.toString(bound);
            Resolution r = withOverride(s.name(), text);
            // The cross-checks between settings (the LPF cutoff's Nyquist, the jitter buffer's min <= start <= max)
            // may still apply; nothing else may warn.
            assertThat(r.problems()).allMatch(p -> p.setting().equals(AiSettings.LPF_CUTOFF_HZ.name())
                    || p.setting().equals(ServiceSettings.RTP_JITTER_START_MS.name()));
        }
    }

    @ParameterizedTest(name = "{0} outside its set")
    @MethodSource("oneOfSettings")
    void valueOutsideAllowedSetIsReplacedWithOneWarning(Setting s) {
        Resolution r = withOverride(s.name(), "12345");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains(s.name() + "=12345").contains(s.limits().describe());
        });
        assertThat(r.config().value(s)).contains(s.limits().replacement());
    }

    static Stream<Arguments> unparsableTexts() {
        return Schema.ALL.settings().stream()
                .filter(s -> !(s.type() instanceof ValueType.TextType))
                .map(s -> Arguments.of(s, s.type() == ValueType.SECRET ? " " : "abc{"));
    }

    @ParameterizedTest(name = "{0}={1} does not parse")
    @MethodSource("unparsableTexts")
    void unparsableValueIsAnErrorNamingVariableAndType(Setting s, String text) {
        Resolution r = withOverride(s.name(), text);
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.setting()).isEqualTo(s.name());
            assertThat(p.message()).startsWith(s.name() + "=").contains("is not " + s.type().expected());
        });
    }

    @Test
    void injectBufferExampleFromTheIssue() {
        Resolution r = withOverride("AUDIO_STREAM_INJECT_BUFFER_MS", "abc");
        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("AUDIO_STREAM_INJECT_BUFFER_MS=abc is not an integer (override test)");
        Resolution clamped = withOverride("AUDIO_STREAM_INJECT_BUFFER_MS", "50");
        assertThat(clamped.warnings()).singleElement().extracting(ConfigProblem::message).isEqualTo(
                "AUDIO_STREAM_INJECT_BUFFER_MS=50 is out of range [100, 30000] ms; using 5000 (override test)");
        assertThat(clamped.config().intValue(StreamSettings.INJECT_BUFFER_MS)).isEqualTo(5000);
    }

    static Stream<Arguments> plainAliases() {
        return Schema.ALL.settings().stream().flatMap(s -> s.aliases().stream()
                .filter(a -> !a.translates()).map(a -> Arguments.of(s, a.name())));
    }

    @ParameterizedTest(name = "{1} sets {0}")
    @MethodSource("plainAliases")
    void aliasSetsThePrimarySetting(Setting s, String alias) {
        String text = validSample(s);
        Resolution r = ConfigLoader.load(Schema.ALL, null, Map.of(alias, text), Map.of(), "test");
        // extra headers without the targets they are meant for are sent nowhere, which is worth a warning
        assertThat(r.problems()).allMatch(p -> p.setting().equals(StreamSettings.EXTRA_HEADERS_TARGETS.name()));
        assertThat(r.config().resolved(s).source()).isEqualTo(ConfigSource.ENV);
        assertThat(r.config().resolved(s).origin()).isEqualTo("env " + alias);
        assertThat(r.config().resolved(s).value()).isEqualTo(s.type().parse(text));
    }

    @Test
    void streamBufferSizeIsMillisecondsDividedIntoPackets() {
        Resolution r = withOverride("STREAM_BUFFER_SIZE", "60");
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().intValue(StreamSettings.RTP_PACKETS)).isEqualTo(3);
        Resolution bad = withOverride("STREAM_BUFFER_SIZE", "30");
        assertThat(bad.errors()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("STREAM_BUFFER_SIZE=30 (alias of AUDIO_STREAM_RTP_PACKETS)")
                .contains("multiple of 20 ms");
    }

    @Test
    void streamMessageDeflateKeepsItsInvertedLegacyMeaning() {
        assertThat(withOverride("STREAM_MESSAGE_DEFLATE", "true").config().flag(StreamSettings.DEFLATE)).isFalse();
        assertThat(withOverride("STREAM_MESSAGE_DEFLATE", "false").config().flag(StreamSettings.DEFLATE)).isTrue();
        assertThat(withOverride("AUDIO_STREAM_DEFLATE", "true").config().flag(StreamSettings.DEFLATE)).isTrue();
    }

    @Test
    void primaryNameBeatsAliasInTheSameSourceWithOneWarning() {
        Resolution r = ConfigLoader.load(Schema.ALL, null,
                Map.of("AUDIO_STREAM_INJECT_BUFFER_MS", "3000", "STREAM_INJECT_BUFFER_MS", "4000"), Map.of(), "test");
        assertThat(r.config().intValue(StreamSettings.INJECT_BUFFER_MS)).isEqualTo(3000);
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("AUDIO_STREAM_INJECT_BUFFER_MS and STREAM_INJECT_BUFFER_MS are both set");
    }

    @Test
    void namesAreMatchedCaseInsensitivelyLikeSipHeaders() {
        assertThat(withOverride("audio_stream_reconnect_max", "7").config().intValue(StreamSettings.RECONNECT_MAX)).isEqualTo(7);
    }

    @Test
    void everyDefaultIsWithinItsOwnLimitsAndEveryNameIsUnique() {
        Resolution r = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(), "test");
        assertThat(r.problems()).isEmpty();
        assertThat(Schema.ALL.settings()).extracting(Setting::name).doesNotHaveDuplicates()
                .allMatch(n -> n.startsWith("AUDIO_STREAM_"));
    }

    private static String validSample(Setting s) {
        if (s.defaultValue() != null && !(s.type() instanceof ValueType.HostPortType)) {
            return s.type() == ValueType.BOOLEAN ? Boolean.toString(!(Boolean) s.defaultValue()) : String.valueOf(s.defaultValue());
        }
        return switch (s.type()) {
            case ValueType.SecretType t -> "secret-value-1234";
            case ValueType.JsonObjectType t -> "{\"X-Token\":\"abc\"}";
            default -> "sample";
        };
    }
}

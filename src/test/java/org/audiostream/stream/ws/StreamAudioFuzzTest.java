package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Base64;
import java.util.List;
import org.audiostream.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 10, unit level: mutated {@code streamAudio}, mark, clear and other app messages decode to
 * a message or a rejection with a reason, never an exception, and decoded audio is whole samples.
 */
class StreamAudioFuzzTest {

    private static final long SEED = 14_10_03L;

    @Test
    void mutatedAppMessagesDecodeOrAreRejectedWithAReason() {
        String b64 = Base64.getEncoder().encodeToString(new byte[640]);
        List<byte[]> corpus = Mutator.utf8(List.of(
                "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":16000,\"audioData\":\"" + b64 + "\"}}",
                "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":2,\"audioData\":\""
                        + b64 + "\"}}",
                "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"wav\",\"sampleRate\":8000,\"audioData\":\"UklGRg==\"}}",
                "{\"type\":\"mark\",\"data\":{\"name\":\"m1\"}}", "{\"clear\":true}", "{\"type\":\"killAudio\"}",
                "{\"type\":\"clearAudio\"}", "{\"type\":\"clearMarks\"}", "{\"event\":\"anything\",\"n\":[1,2,{\"x\":null}]}"));
        Mutator m = new Mutator(corpus, Mutator.seed(SEED), 16_384);
        StreamAudioDecoder decoder = new StreamAudioDecoder(100_000, false);
        StreamAudioDecoder fileMode = new StreamAudioDecoder(100_000, true);
        int cases = Mutator.count(20_000);
        for (int i = 0; i < cases; i++) {
            String text = m.nextText();
            try {
                for (StreamAudioMessage msg : new StreamAudioMessage[] {decoder.decode(text), fileMode.decode(text)}) {
                    assertThat(msg).as("case %d", i).isNotNull();
                    if (msg instanceof StreamAudioMessage.Audio a) {
                        assertThat(a.pcm().length % (2 * a.channels())).as("case %d whole sample frames", i).isZero();
                    } else if (msg instanceof StreamAudioMessage.Rejected r) {
                        assertThat(r.reason()).isNotBlank();
                    }
                }
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + Mutator.seed(SEED) + ") threw on: " + text, e);
            }
        }
    }
}

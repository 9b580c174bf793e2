package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.audiostream.media.G711;
import org.junit.jupiter.api.Test;

class TwilioCaptureTest {

    @Test
    void monoFrameBecomesTimestampThenInboundMulaw() {
        TwilioCapture capture = new TwilioCapture(1);
        short[] pcm = ramp(160, 1);
        assertThat(capture.add(pcm, 0)).isTrue();
        assertThat(capture.length()).isEqualTo(4 + 160).isEqualTo(capture.batchBytes());
        ByteBuffer record = ByteBuffer.wrap(capture.buffer(), 0, capture.length());
        assertThat(record.getInt()).as("timestamp of the first frame").isZero();
        for (int i = 0; i < 160; i++) {
            assertThat(record.get()).as("sample %d", i).isEqualTo(G711.encodeUlaw(pcm[i]));
        }
        capture.clear();
        assertThat(capture.length()).isZero();
        capture.add(pcm, 0);
        assertThat(ByteBuffer.wrap(capture.buffer()).getInt()).as("timestamp of the second frame").isEqualTo(20);
        assertThat(capture.batchMillis()).isEqualTo(20);
    }

    @Test
    void stereoFrameIsSplitIntoInboundLeftAndOutboundRight() {
        TwilioCapture capture = new TwilioCapture(2);
        short[] stereo = new short[320];
        for (int i = 0; i < 160; i++) {
            stereo[2 * i] = (short) (100 * i);        // caller
            stereo[2 * i + 1] = (short) (-50 * i);    // played to the caller
        }
        capture.add(stereo, 0);
        byte[] r = capture.buffer();
        assertThat(capture.length()).isEqualTo(4 + 320);
        for (int i = 0; i < 160; i++) {
            assertThat(r[4 + i]).isEqualTo(G711.encodeUlaw((short) (100 * i)));
            assertThat(r[164 + i]).isEqualTo(G711.encodeUlaw((short) (-50 * i)));
        }
    }

    @Test
    void refusesAThirdTrackAndAnUnclearedRecord() {
        assertThatThrownBy(() -> new TwilioCapture(3)).hasMessage("TwilioCapture rejected: tracks=3 not one of [1, 2]");
        TwilioCapture capture = new TwilioCapture(1);
        capture.add(new short[160], 0);
        assertThatThrownBy(() -> capture.add(new short[160], 0)).isInstanceOf(IllegalStateException.class);
    }

    private static short[] ramp(int n, int step) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) (i * 200 * step - 16000);
        }
        return s;
    }
}

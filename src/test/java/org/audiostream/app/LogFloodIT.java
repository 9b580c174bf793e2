package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.audiostream.observe.CapturedLog;
import org.audiostream.observe.Component;
import org.audiostream.observe.LogFormat;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 9: an app that floods marks (far more than the 30 a session may have outstanding) gets
 * each refused one acknowledged as cleared, and the gateway's log gets one WARN per interval with the number
 * held back, not one line per mark.
 */
class LogFloodIT extends SharedGatewayAndApp {

    private static final int MARKS = 600;

    @Override
    protected String[] appArgs() {
        return new String[] {"--commands"};
    }

    @Test
    void aFloodOfRefusedMarksIsLoggedAtABoundedRate() {
        try (CapturedLog wsLog = new CapturedLog(Component.WS_STREAM, LogFormat.TEXT, Level.INFO);
             TestCall call = TestCall.place(gw, "marks")) {
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/marks") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, "/marks");
            // audio ahead of the marks, so that none of them can play (and free its place) while they arrive:
            // the first 30 wait behind it, the rest are refused however slowly the box sends them
            List<String> marks = new ArrayList<>(List.of(TestAudio.streamAudio(TestAudio.sine(8000, 440, 3000, 3000), 8000)));
            for (int i = 0; i < MARKS; i++) {
                marks.add(TestAudio.mark("m" + i));
            }
            app.sendTexts(marks);
            await("every mark acknowledged").atMost(AppFrames.WAIT)
                    .until(() -> AppFrames.texts(app, conn).stream().filter(t -> t.contains("\"type\":\"mark\"")).count() == MARKS);
            List<String> rejected = wsLog.lines.stream().filter(l -> l.contains("mark rejected")).toList();
            long refused = AppFrames.texts(app, conn).stream().filter(t -> t.contains("\"event\":\"cleared\"")).count();
            assertThat(refused).as("marks refused (acknowledged as cleared)").isGreaterThan(MARKS - 60);
            assertThat(rejected).as("WARN lines for %d refused marks", refused).hasSizeBetween(1, 3);
            call.hangUp();
        }
    }
}

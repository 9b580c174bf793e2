package org.audiostream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The excerpts are read from trace files in the layout SIPp 3.6.1 writes (errors.log, messages.log). */
class SippTracesTest {

    @TempDir
    Path dir;

    private static String message(String when, String what, String firstLine, String callId) {
        return "----------------------------------------------- 2026-12-03 13:30:05." + when + "\n" + what + "\n\n"
                + firstLine + "\r\nVia: SIP/2.0/UDP 127.0.0.1:15098;branch=z9hG4bK-1\r\nCall-ID: " + callId
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n\n";
    }

    @Test
    void namesTheCallsOfEveryKindOfSippErrorLine() throws IOException {
        Files.writeString(dir.resolve("errors.log"), """
                The following events occurred:
                2026-12-03	13:30:05.112992	1796304605.112992: Aborting call on unexpected message for Call-Id '1-17325@127.0.0.1': while expecting '100' (index 1), received 'SIP/2.0 486 Busy Here
                Call-ID: 1-17325@127.0.0.1

                '
                2026-12-03	13:30:28.655320	1796304628.655320: Aborting call on UDP retransmission timeout for Call-ID '2-17325@127.0.0.1'
                2026-12-03	13:30:29.000000	1796304629.000000: Call-Id: 3-17325@127.0.0.1, receive timeout on message uac.xml:5 without label to jump to (ontimeout attribute): aborting call
                2026-12-03	14:10:28.236657	1796307028.236657: Aborting call on an unexpected BYE for call: 4-17325@127.0.0.1
                """);

        assertThat(SippTraces.failedCallIds(dir))
                .containsExactly("1-17325@127.0.0.1", "2-17325@127.0.0.1", "3-17325@127.0.0.1", "4-17325@127.0.0.1");
    }

    @Test
    void showsTheErrorsAndOnlyTheMessagesOfTheFailedCall() throws IOException {
        Files.writeString(dir.resolve("errors.log"), "2026-12-03\t13:30:05.1\t1.1: Aborting call on unexpected message "
                + "for Call-Id '1-9@127.0.0.1': while expecting '200' (index 3), received 'SIP/2.0 481 Call Does Not Exist\n'\n");
        Files.writeString(dir.resolve("messages.log"),
                message("1", "UDP message sent (500 bytes):", "INVITE sip:bot@127.0.0.1:5060 SIP/2.0", "1-9@127.0.0.1")
                        + message("2", "UDP message sent (500 bytes):", "INVITE sip:bot@127.0.0.1:5060 SIP/2.0", "2-9@127.0.0.1")
                        + message("3", "UDP message received [300] bytes :", "SIP/2.0 481 Call Does Not Exist", "1-9@127.0.0.1"));

        String excerpt = SippTraces.excerpt(dir);

        assertThat(excerpt).contains("while expecting '200' (index 3)", "--- sipp messages of call 1-9@127.0.0.1 ---",
                "Call-ID: 1-9@127.0.0.1", "SIP/2.0 481 Call Does Not Exist").doesNotContain("2-9@127.0.0.1", "\r");
    }

    @Test
    void staysBoundedWhateverTheTracesWeigh() throws IOException {
        StringBuilder errors = new StringBuilder();
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            errors.append("2026-12-03\t13:30:05.1\t1.1: Aborting call on UDP retransmission timeout for Call-ID '")
                    .append(i % 3).append("-9@127.0.0.1'\n");
            messages.append(message(String.valueOf(i), "UDP message sent (500 bytes):", "INVITE sip:bot@127.0.0.1 SIP/2.0",
                    (i % 3) + "-9@127.0.0.1"));
        }
        Files.writeString(dir.resolve("errors.log"), errors);
        Files.writeString(dir.resolve("messages.log"), messages);

        String excerpt = SippTraces.excerpt(dir);

        assertThat(excerpt.length()).isLessThan(SippTraces.ERROR_LOG_CHARS + SippTraces.CALLS_SHOWN * SippTraces.CALL_MESSAGES_CHARS + 1_000);
        assertThat(excerpt).contains("chars left out", "(2 more failed call(s) in " + dir + ")");
    }

    @Test
    void saysSoWhenSippWroteNoErrorLog() {
        assertThat(SippTraces.excerpt(dir)).isEqualTo("--- sipp errors.log (empty) ---\n");
    }
}

package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Records every listener call as one line, e.g. {@code error 6 WS connect failed: ...}. */
final class RecordingListener implements WsStreamListener {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onConnected() {
        calls.add("connected");
    }

    @Override
    public void onDisconnected(int code, String reason) {
        calls.add("disconnected " + code + " " + reason);
    }

    @Override
    public void onError(int code, String error) {
        calls.add("error " + code + " " + error);
    }

    @Override
    public void onText(String text) {
        calls.add("text " + text);
    }

    @Override
    public void onBinary(ByteBuf data) {
        calls.add("binary " + data.readableBytes());
    }

    @Override
    public void onReconnecting(int attempt, long delayMs) {
        calls.add("reconnecting " + attempt);
    }

    @Override
    public void onClosed() {
        calls.add("closed");
    }

    List<String> starting(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    void awaitCall(String prefix, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5))
                .until(() -> calls.stream().anyMatch(c -> c.startsWith(prefix)));
    }
}

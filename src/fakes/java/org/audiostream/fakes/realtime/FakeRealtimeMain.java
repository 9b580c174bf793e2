package org.audiostream.fakes.realtime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a {@link FakeRealtimeServer} as a process of its own, so that a load test can read its CPU apart from
 * the gateway's: {@code java -cp … org.audiostream.fakes.realtime.FakeRealtimeMain [--api-key K] [--port P]
 * [--io-threads N]}. It prints {@code url=<ws url>} once listening and stops when its standard input closes.
 *
 * <p>Threads: the main thread waits on standard input; the server runs on its own event loops.
 */
public final class FakeRealtimeMain {

    private FakeRealtimeMain() {}

    public static void main(String[] args) throws IOException {
        FakeRealtimeConfig.Builder config = FakeRealtimeConfig.builder();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--api-key" -> config.apiKey(args[i + 1]);
                case "--port" -> config.port(Integer.parseInt(args[i + 1]));
                case "--io-threads" -> config.ioThreads(Integer.parseInt(args[i + 1]));
                default -> {
                    System.err.println("unknown option " + args[i] + "; known: --api-key, --port, --io-threads");
                    System.exit(2);
                }
            }
        }
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config.build())) {
            System.out.println("url=" + server.url());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // runs until the parent closes our standard input
            }
        }
    }
}

package org.audiostream.app;

import java.util.concurrent.Callable;
import org.audiostream.observe.BuildInfo;
import picocli.CommandLine.Command;

/**
 * {@code audio-stream demo}: the main job end to end on embedded defaults. Until the call endpoint
 * and WS streaming mode land, it says so and shows the build and the settings a demo would run on.
 */
@Command(name = "demo", description = "Run the main job end to end on embedded defaults.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(BuildInfo.current().describe());
        System.out.println("""
                The end-to-end demo (a real call through SIP/RTP, streamed to a built-in WebSocket app and
                back) needs the call endpoint and WS streaming mode, which are not built yet.
                What works today: ./audio-stream version, ./audio-stream config check [NAME=VALUE...].
                These are the settings the demo would run on:
                """);
        return new ConfigCommand.Check().call();
    }
}

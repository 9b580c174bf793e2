package org.audiostream.app;

import org.audiostream.observe.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the jar. {@code ./audio-stream} (the launcher) picks the JDK and JVM flags and
 * handles {@code test} and {@code bench} itself; everything else arrives here.
 */
@Command(name = "audio-stream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Call-audio streaming gateway: SIP/RTP calls to WebSocket apps and real-time voice AI.",
        subcommands = {VersionCommand.class, ConfigCommand.class, ServeCommand.class, DemoCommand.class, ApiCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().describe()};
        }
    }
}

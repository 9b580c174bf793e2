package org.audiostream.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.audiostream.config.ConfigException;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.ConfigProblem;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Resolution;
import org.audiostream.config.Schema;
import org.audiostream.config.ServiceSettings;
import org.audiostream.observe.BuildInfo;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.LogFormat;
import org.audiostream.observe.LogLevel;
import org.audiostream.observe.LogSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audio-stream serve}: run the gateway until SIGTERM/Ctrl-C. */
@Command(name = "serve", description = "Run the gateway until SIGTERM or Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    private static final Log LOG = Log.of(Component.LIFECYCLE);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        Resolution resolution = ConfigLoader.load(Schema.ALL, configFile, System.getenv(), java.util.Map.of(), "");
        EffectiveConfig config;
        try {
            config = resolution.orThrow();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        configureLogging(config);
        Log configLog = Log.of(Component.CONFIG);
        for (ConfigProblem p : resolution.warnings()) {
            configLog.warn(null, "validate", "clamped", "setting", p.setting(), "detail", p.message());
        }
        BuildInfo build = BuildInfo.current();
        LOG.notice(null, "start", "ok", "version", build.version(), "commit", build.gitCommit(),
                "build_type", build.buildType(), "java", Runtime.version().toString());
        Gateway gateway;
        try {
            gateway = Gateway.start(config, configFile);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOG.error(null, "start", "failed", e);
            LogSetup.shutdown();
            return 1;
        }
        // SIGTERM/SIGINT start the JVM's exit with status 143/130 and run this hook; once the drain is
        // done and the logs are flushed, halt with 0, the status of an orderly stop (seed §3).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.notice(null, "shutdown", "requested");
            gateway.close();
            LogSetup.shutdown();
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        Thread.currentThread().join(); // serve until the hook halts the JVM
        return 0;
    }

    static void configureLogging(EffectiveConfig config) {
        LogFormat format = LogFormat.valueOf(config.text(ServiceSettings.LOG_FORMAT).toUpperCase(Locale.ROOT));
        LogLevel level = LogLevel.valueOf(config.text(ServiceSettings.LOG_LEVEL).toUpperCase(Locale.ROOT));
        LogSetup.configure(format, level, false);
    }
}

package org.audiostream.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version, build date, build type (release/debug) and git commit baked into the jar at build time
 * (seed §10). Read from {@code build-info.properties}, which Maven filters.
 *
 * <p>Threads: immutable.
 */
public record BuildInfo(String version, String buildDate, String buildType, String gitCommit) {

    private static final String RESOURCE = "build-info.properties";

    public static BuildInfo current() {
        return Holder.INSTANCE;
    }

    static BuildInfo load(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return new BuildInfo(required(p, "version"), required(p, "build.date"), required(p, "build.type"),
                required(p, "git.commit"));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            return "unknown";
        }
        return v.trim();
    }

    /** One line for {@code version} output and start-up logs. */
    public String describe() {
        return "audio-stream " + version + " (" + buildType + ", commit " + gitCommit + ", built " + buildDate + ")";
    }

    private static final class Holder {
        static final BuildInfo INSTANCE;

        static {
            try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("build metadata missing: " + RESOURCE + " not on the classpath");
                }
                INSTANCE = load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

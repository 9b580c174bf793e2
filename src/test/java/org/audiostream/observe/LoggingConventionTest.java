package org.audiostream.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every product log line goes through {@link Log} (component, session uuid, operation, outcome): only
 * this package may create SLF4J loggers. Scans the main source tree, so a new {@code LoggerFactory.getLogger}
 * anywhere else fails the build with its file and line.
 */
class LoggingConventionTest {

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Path OBSERVE = MAIN_SOURCES.resolve(Path.of("org", "audiostream", "observe"));
    private static final Pattern GET_LOGGER = Pattern.compile("LoggerFactory\\s*\\.\\s*getLogger\\s*\\(");

    @Test
    void onlyTheObservePackageCreatesSlf4jLoggers() throws IOException {
        assertThat(MAIN_SOURCES).as("run from the project directory").isDirectory();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            if (source.startsWith(OBSERVE)) {
                continue;
            }
            List<String> lines = readLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (GET_LOGGER.matcher(lines.get(i)).find()) {
                    offenders.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
        assertThat(offenders)
                .as("use `private static final Log LOG = Log.of(Component.X)` instead of LoggerFactory.getLogger")
                .isEmpty();
    }

    @Test
    void theScanSeesLogItself() {
        List<String> lines = readLines(OBSERVE.resolve("Log.java"));
        assertThat(lines).anyMatch(line -> GET_LOGGER.matcher(line).find());
    }

    private static List<String> readLines(Path source) {
        try {
            return Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

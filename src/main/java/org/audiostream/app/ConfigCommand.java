package org.audiostream.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.ConfigProblem;
import org.audiostream.config.CrossChecks;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Resolution;
import org.audiostream.config.Schema;
import org.audiostream.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audio-stream config check}: the effective settings, the source of each, and what was clamped. */
@Command(name = "config", description = "Configuration tools.", subcommands = {ConfigCommand.Check.class, ConfigCommand.Heap.class})
final class ConfigCommand {

    /** {@code NAME=VALUE} arguments as a map, or null (after saying why) if one is not of that form. */
    static Map<String, String> overrides(List<String> assignments) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("ERROR argument '" + a + "' is not NAME=VALUE");
                return null;
            }
            overrides.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return overrides;
    }

    /** {@code config heap}: the JVM memory flags for this configuration, one line, for the launcher. */
    @Command(name = "heap", description = "Print the JVM memory flags sized from the configured limits (the launcher uses them).")
    static final class Heap implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "YAML config file.")
        Path configFile;

        @Parameters(paramLabel = "NAME=VALUE", description = "Overrides.")
        List<String> assignments = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, String> overrides = overrides(assignments);
            if (overrides == null) {
                return 2;
            }
            Resolution resolution = ConfigLoader.load(Schema.ALL, configFile, System.getenv(), overrides, "command line");
            if (resolution.hasErrors()) {
                resolution.errors().forEach(System.err::println);
                return 1;
            }
            System.out.println(String.join(" ", HeapSizing.jvmFlags(resolution.config())));
            return 0;
        }
    }

    @Command(name = "check",
            description = "Print the effective settings with the source of each, and the warnings; exit 1 on errors.")
    static final class Check implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "YAML config file.")
        Path configFile;

        @Option(names = "--ai", description = "Also check what AI mode requires (API keys).")
        boolean ai;

        @Parameters(paramLabel = "NAME=VALUE", description = "Overrides, as a call's variables would be given.")
        List<String> assignments = new ArrayList<>();

        @Override
        public Integer call() {
            PrintStream out = System.out;
            Map<String, String> overrides = overrides(assignments);
            if (overrides == null) {
                return 2;
            }
            Resolution resolution = ConfigLoader.load(Schema.ALL, configFile, System.getenv(), overrides, "command line");
            List<ConfigProblem> problems = new ArrayList<>(resolution.problems());
            if (ai) {
                problems.addAll(CrossChecks.requireAiSecrets(resolution.config()));
            }
            printTable(out, resolution.config());
            out.println();
            problems.forEach(out::println);
            long errors = problems.stream().filter(ConfigProblem::isError).count();
            out.printf("%d warning%s, %d error%s%n", problems.size() - errors, problems.size() - errors == 1 ? "" : "s",
                    errors, errors == 1 ? "" : "s");
            return errors > 0 ? 1 : 0;
        }

        /** Three aligned columns; the value column is as wide as the longest (abbreviated) value. */
        static void printTable(PrintStream out, EffectiveConfig config) {
            int width = config.schema().settings().stream().mapToInt(s -> s.name().length()).max().orElse(20) + 2;
            Map<Setting, String> values = new LinkedHashMap<>();
            for (Setting s : config.schema().settings()) {
                Object value = config.resolved(s).value();
                values.put(s, abbreviate(s.display(value) + (value == null ? "" : s.unitSuffix())));
            }
            int valueWidth = Math.max("VALUE".length(), values.values().stream().mapToInt(String::length).max().orElse(0)) + 2;
            String row = "%-" + width + "s%-" + valueWidth + "s%s%n";
            out.printf(row, "NAME", "VALUE", "SOURCE");
            values.forEach((s, value) -> out.printf(row, s.name(), value, config.resolved(s).origin()));
        }

        private static String abbreviate(String value) {
            String oneLine = value.replace('\n', ' ');
            return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
        }
    }
}

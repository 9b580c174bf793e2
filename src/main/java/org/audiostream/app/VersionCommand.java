package org.audiostream.app;

import java.util.concurrent.Callable;
import org.audiostream.observe.BuildInfo;
import picocli.CommandLine.Command;

/** {@code audio-stream version}: the build metadata baked into the jar (seed §10). */
@Command(name = "version", description = "Print version, build date, build type and git commit.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        BuildInfo b = BuildInfo.current();
        System.out.println("audio-stream " + b.version());
        System.out.println("build date:  " + b.buildDate());
        System.out.println("build type:  " + b.buildType());
        System.out.println("git commit:  " + b.gitCommit());
        System.out.println("java:        " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        return 0;
    }
}

package org.audiostream.media;

/**
 * Monotonic time source for the media clock, injectable so tests can drive time by hand. Threads:
 * implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface NanoClock {

    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    NanoClock SYSTEM = System::nanoTime;

    /** Current time in nanoseconds on an arbitrary but fixed origin. */
    long nanoTime();
}

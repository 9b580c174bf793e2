package org.audiostream.stream.ai.tts;

/** A synthesis under way. Threads: {@link #cancel} from any thread, any number of times. */
@FunctionalInterface
public interface Synthesis {

    /** Stops it: the connection or process is closed and the listener hears nothing more that matters. */
    void cancel();
}

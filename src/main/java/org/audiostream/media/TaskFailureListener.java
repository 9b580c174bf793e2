package org.audiostream.media;

/**
 * Told when a {@link FrameTask} threw and was removed from its shard. Threads: called on the
 * shard's thread; must not block and must not throw.
 */
@FunctionalInterface
public interface TaskFailureListener {

    /** A listener that does nothing (the shard still logs and counts the failure). */
    TaskFailureListener NONE = (task, error) -> { };

    void onTaskFailed(FrameTask task, Throwable error);
}

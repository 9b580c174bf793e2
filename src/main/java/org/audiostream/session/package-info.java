/**
 * Media sessions: one per call, the capture path (call audio to the stream target) and the inject
 * path (stream target audio into the call), the session registry and health.
 *
 * <p>Threads: a session ticks on its clock shard; control threads start, stop, pause and close it
 * through volatile hand-offs. Start at {@link org.audiostream.session.MediaSession}.
 */
package org.audiostream.session;

/**
 * The control plane: the {@code uuid_audio_stream} command grammar and its replies (the HTTP API and the
 * event bus build on them).
 *
 * <p>Threads: the parser is stateless and callable from any thread.
 *
 * <p>Start at {@link org.audiostream.control.CommandParser}.
 */
package org.audiostream.control;

/**
 * A fake OpenAI Realtime service (GA protocol) on loopback, for tests and for {@code ./audio-stream demo --ai}
 * when no API key is configured. It lives in its own source root ({@code src/fakes/java}) but is compiled into
 * the jar because the demo starts it.
 *
 * <p>Start at {@link org.audiostream.fakes.realtime.FakeRealtimeServer} (lifecycle, faults) and
 * {@link org.audiostream.fakes.realtime.FakeRealtimeSession} (one connection: the protocol and what tests
 * read), then {@link org.audiostream.fakes.realtime.GaShapes} (what a client may send),
 * {@link org.audiostream.fakes.realtime.ResponseStream} (what a response looks like on the wire) and
 * {@link org.audiostream.fakes.realtime.ServerVad} (when the caller speaks).
 *
 * <p>Threads: each connection lives on one Netty event loop of its server; public accessors are thread-safe.
 */
package org.audiostream.fakes.realtime;

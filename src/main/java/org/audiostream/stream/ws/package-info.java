/**
 * The mod_audio_stream WebSocket client: URL rules, per-session client (metadata first, SPSC send queue,
 * heartbeat, TLS, bounded reconnect), per-target circuit breakers, the server-message decoder and the event
 * bodies.
 *
 * <p>Threads: each {@link org.audiostream.stream.ws.WsStreamClient} lives on one Netty event loop; only
 * {@code offerAudio} is called from the media thread, and it never blocks or allocates.
 *
 * <p>Start at {@link org.audiostream.stream.ws.WsStreamClient}, then {@link org.audiostream.stream.ws.WsClientInitializer}
 * (the pipeline) and {@link org.audiostream.stream.ws.StreamAudioDecoder} (what the server sends back).
 */
package org.audiostream.stream.ws;

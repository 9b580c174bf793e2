/**
 * WS streaming mode: URL rules, the per-session client (opening frames first, SPSC send queue, heartbeat, TLS,
 * bounded reconnect), per-target circuit breakers, and one codec per dialect ({@link
 * org.audiostream.stream.ws.WsDialect}): mod_audio_stream, the default ({@link org.audiostream.stream.ws.FrameBatcher},
 * {@link org.audiostream.stream.ws.ModAudioStreamWire}, {@link org.audiostream.stream.ws.StreamAudioDecoder}), and
 * Twilio Media Streams ({@link org.audiostream.stream.ws.TwilioCapture}, {@link org.audiostream.stream.ws.TwilioWire},
 * {@link org.audiostream.stream.ws.TwilioMessageDecoder}).
 *
 * <p>Threads: each {@link org.audiostream.stream.ws.WsStreamClient} lives on one Netty event loop; only
 * {@code offerAudio} (and a dialect's {@link org.audiostream.stream.ws.CaptureEncoder}) runs on the media thread,
 * and it never blocks or allocates.
 *
 * <p>Start at {@link org.audiostream.stream.ws.WsStreamTarget}, then {@link org.audiostream.stream.ws.WsDialect},
 * {@link org.audiostream.stream.ws.WsStreamClient} and {@link org.audiostream.stream.ws.WsClientInitializer} (the
 * pipeline).
 */
package org.audiostream.stream.ws;

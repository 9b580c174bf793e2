/**
 * AI mode: the call talks to an OpenAI Realtime voice agent (GA protocol). {@link
 * org.audiostream.stream.ai.RealtimeEngine} is the session's stream target: caller audio goes up as
 * {@code input_audio_buffer.append} in the call's own G.711 law, the agent's audio comes back into the inject
 * buffer, and the engine runs the conversation: states and events, barge-in with exact truncation, reconnect
 * with catch-up, session recycling, tools and the watchdog. The WebSocket transport is the stream.ws client. In the
 * TTS style the model answers in text, which a {@link org.audiostream.stream.ai.TextSink} (the sentence-TTS
 * pipeline of {@code stream.ai.tts}) speaks into the same inject buffer.
 */
package org.audiostream.stream.ai;

/**
 * The TTS style of AI mode: the Realtime model answers in text and the gateway speaks it sentence by sentence
 * ({@link org.audiostream.stream.ai.tts.TtsPipeline}): the sentence splitter, the engines (ElevenLabs over HTTP
 * or WebSocket, OpenAI speech, Realtime-as-TTS, espeak-ng), the cache shared by all sessions, the DSP chain on
 * the way to the inject buffer, and the seed's TTS breaker, watchdog and recovery.
 */
package org.audiostream.stream.ai.tts;

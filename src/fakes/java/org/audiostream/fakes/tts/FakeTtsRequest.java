package org.audiostream.fakes.tts;

import java.util.Map;

/**
 * One request the fake received. Threads: immutable.
 *
 * @param service {@code elevenlabs}, {@code openai}, or {@code elevenlabs-ws} (one generation of a multi-stream-input
 *     context: {@code text} is what was generated, {@code body} the context's messages so far)
 * @param path the request path without the query
 * @param query the query parameters (first value of each)
 * @param headers the request headers, names in lower case
 * @param text the text to speak
 * @param format the audio format answered ({@code ulaw_8000}, {@code pcm_24000}…)
 * @param body the JSON body as received
 * @param fault how it was answered
 */
public record FakeTtsRequest(String service, String path, Map<String, String> query, Map<String, String> headers,
                             String text, String format, String body, TtsFault fault) {}

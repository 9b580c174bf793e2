/**
 * Local stand-ins for the cloud TTS services the TTS style calls: ElevenLabs' HTTP streaming and WebSocket
 * input-streaming endpoints and OpenAI's speech endpoint (raw and SSE), with their real error bodies and scripted
 * faults. The tests use them; the offline demo speaks with espeak-ng instead.
 */
package org.audiostream.fakes.tts;

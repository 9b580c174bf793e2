/**
 * Local stand-ins for the cloud TTS services the TTS style calls: ElevenLabs' HTTP streaming endpoint and OpenAI's
 * speech endpoint (raw and SSE), with their real error bodies and scripted faults. Used by the tests and the demo.
 */
package org.audiostream.fakes.tts;

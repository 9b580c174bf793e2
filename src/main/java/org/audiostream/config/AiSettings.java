package org.audiostream.config;

import static org.audiostream.config.ValueType.*;

/**
 * Per-call settings of AI mode (seed §7.2, §9.2); the fork's {@code AI_*} names are aliases. The LPF
 * cutoff is also checked against the call's Nyquist frequency ({@link CrossChecks}).
 */
public final class AiSettings {

    public static final Setting OPENAI_API_KEY = Setting.named("AUDIO_STREAM_AI_OPENAI_API_KEY", "ai.openai_api_key", SECRET)
            .alias("AI_OPENAI_API_KEY")
            .describe("OpenAI API key; required in AI mode.");

    public static final Setting OPENAI_MODEL = Setting.named("AUDIO_STREAM_AI_OPENAI_MODEL", "ai.openai_model", TEXT)
            .alias("AI_OPENAI_MODEL")
            .defaultValue("gpt-realtime-2.1")
            .describe("OpenAI Realtime model.");

    public static final Setting OPENAI_URL = Setting.named("AUDIO_STREAM_AI_OPENAI_URL", "ai.openai_url", TEXT)
            .defaultValue("wss://api.openai.com/v1/realtime")
            .describe("OpenAI Realtime WebSocket endpoint (point it at a local fake for tests).");

    public static final Setting SYSTEM_PROMPT = Setting.named("AUDIO_STREAM_AI_SYSTEM_PROMPT", "ai.system_prompt", TEXT)
            .alias("AI_SYSTEM_PROMPT")
            .defaultValue("You are a helpful AI assistant on a phone call. Keep responses brief and conversational. "
                    + "Respond in the same language the caller uses.")
            .describe("Instructions for the model.");

    public static final Setting VAD_THRESHOLD = Setting.named("AUDIO_STREAM_AI_VAD_THRESHOLD", "ai.vad_threshold", DECIMAL)
            .alias("AI_VAD_THRESHOLD")
            .defaultValue(0.5).range(0.0, 1.0)
            .describe("Server VAD activation threshold.");

    public static final Setting VAD_PREFIX_PADDING_MS = Setting.named("AUDIO_STREAM_AI_VAD_PREFIX_PADDING_MS", "ai.vad_prefix_padding_ms", INTEGER)
            .alias("AI_VAD_PREFIX_PADDING_MS")
            .unit("ms").defaultValue(300).range(0, 5000)
            .describe("Audio kept before detected speech.");

    public static final Setting VAD_SILENCE_DURATION_MS = Setting.named("AUDIO_STREAM_AI_VAD_SILENCE_DURATION_MS", "ai.vad_silence_duration_ms", INTEGER)
            .alias("AI_VAD_SILENCE_DURATION_MS")
            .unit("ms").defaultValue(500).range(0, 10_000)
            .describe("Silence that ends the caller's turn.");

    public static final Setting TEMPERATURE = Setting.named("AUDIO_STREAM_AI_TEMPERATURE", "ai.temperature", DECIMAL)
            .alias("AI_TEMPERATURE")
            .defaultValue(0.8).range(0.0, 2.0)
            .describe("Sampling temperature.");

    public static final Setting MAX_RESPONSE_TOKENS = Setting.named("AUDIO_STREAM_AI_MAX_RESPONSE_TOKENS", "ai.max_response_tokens", INTEGER)
            .alias("AI_MAX_RESPONSE_TOKENS")
            .defaultValue(4096).range(1, 16_384)
            .describe("Output token cap per response.");

    public static final Setting TTS_PROVIDER = Setting.named("AUDIO_STREAM_AI_TTS_PROVIDER", "ai.tts_provider", choice("elevenlabs", "openai", "espeak"))
            .alias("AI_TTS_PROVIDER")
            .defaultValue("elevenlabs")
            .describe("Primary TTS provider; the others are fallbacks.");

    public static final Setting ELEVENLABS_API_KEY = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_API_KEY", "ai.elevenlabs_api_key", SECRET)
            .alias("AI_ELEVENLABS_API_KEY")
            .describe("ElevenLabs API key; required when the TTS provider is elevenlabs.");

    public static final Setting ELEVENLABS_VOICE_ID = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_VOICE_ID", "ai.elevenlabs_voice_id", TEXT)
            .alias("AI_ELEVENLABS_VOICE_ID")
            .describe("ElevenLabs voice.");

    public static final Setting ELEVENLABS_MODEL_ID = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_MODEL_ID", "ai.elevenlabs_model_id", TEXT)
            .alias("AI_ELEVENLABS_MODEL_ID")
            .defaultValue("eleven_turbo_v2_5")
            .describe("ElevenLabs model.");

    public static final Setting ELEVENLABS_STABILITY = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_STABILITY", "ai.elevenlabs_stability", DECIMAL)
            .alias("AI_ELEVENLABS_STABILITY")
            .defaultValue(0.5).range(0.0, 1.0)
            .describe("ElevenLabs voice stability.");

    public static final Setting ELEVENLABS_SIMILARITY_BOOST = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_SIMILARITY_BOOST", "ai.elevenlabs_similarity_boost", DECIMAL)
            .alias("AI_ELEVENLABS_SIMILARITY_BOOST")
            .defaultValue(0.75).range(0.0, 1.0)
            .describe("ElevenLabs similarity boost.");

    public static final Setting OPENAI_TTS_VOICE = Setting.named("AUDIO_STREAM_AI_OPENAI_TTS_VOICE", "ai.openai_tts_voice", TEXT)
            .alias("AI_OPENAI_TTS_VOICE")
            .defaultValue("alloy")
            .describe("OpenAI TTS voice.");

    public static final Setting DSP_ENABLED = Setting.named("AUDIO_STREAM_AI_DSP_ENABLED", "ai.dsp_enabled", BOOLEAN)
            .alias("AI_DSP_ENABLED")
            .defaultValue(true)
            .describe("Run the playback DSP chain (DC blocker, gate, compressor, shelf, LPF, clipper).");

    public static final Setting NOISE_GATE_DB = Setting.named("AUDIO_STREAM_AI_NOISE_GATE_DB", "ai.noise_gate_db", DECIMAL)
            .unit("dBFS").defaultValue(-45.0).range(-96.0, 0.0)
            .describe("Noise gate threshold.");

    public static final Setting COMPRESSOR_THRESHOLD_DB = Setting.named("AUDIO_STREAM_AI_COMPRESSOR_THRESHOLD_DB", "ai.compressor_threshold_db", DECIMAL)
            .alias("AI_COMPRESSOR_THRESHOLD_DB")
            .unit("dBFS").defaultValue(-20.0).range(-60.0, 0.0)
            .describe("Compressor threshold; must not be positive.");

    public static final Setting COMPRESSOR_RATIO = Setting.named("AUDIO_STREAM_AI_COMPRESSOR_RATIO", "ai.compressor_ratio", DECIMAL)
            .defaultValue(3.0).range(1.0, 20.0)
            .describe("Compressor ratio.");

    public static final Setting COMPRESSOR_MAKEUP_DB = Setting.named("AUDIO_STREAM_AI_COMPRESSOR_MAKEUP_DB", "ai.compressor_makeup_db", DECIMAL)
            .alias("AI_COMPRESSOR_MAKEUP_DB")
            .unit("dB").defaultValue(6.0).range(0.0, 24.0)
            .describe("Compressor makeup gain.");

    public static final Setting HIGH_SHELF_GAIN_DB = Setting.named("AUDIO_STREAM_AI_HIGH_SHELF_GAIN_DB", "ai.high_shelf_gain_db", DECIMAL)
            .alias("AI_HIGH_SHELF_GAIN_DB")
            .unit("dB").defaultValue(3.0).range(-12.0, 12.0)
            .describe("High-shelf gain at 3 kHz.");

    public static final Setting LPF_CUTOFF_HZ = Setting.named("AUDIO_STREAM_AI_LPF_CUTOFF_HZ", "ai.lpf_cutoff_hz", DECIMAL)
            .alias("AI_LPF_CUTOFF_HZ")
            .unit("Hz").defaultValue(3800.0).range(100.0, 20_000.0)
            .describe("Low-pass cutoff; must also be below half the call's sample rate.");

    public static final Setting ENABLE_BARGE_IN = Setting.named("AUDIO_STREAM_AI_ENABLE_BARGE_IN", "ai.enable_barge_in", BOOLEAN)
            .alias("AI_ENABLE_BARGE_IN")
            .defaultValue(true)
            .describe("Stop playback when the caller starts speaking.");

    public static final Setting ENABLE_TTS_CACHE = Setting.named("AUDIO_STREAM_AI_ENABLE_TTS_CACHE", "ai.enable_tts_cache", BOOLEAN)
            .alias("AI_ENABLE_TTS_CACHE")
            .defaultValue(true)
            .describe("Cache synthesised sentences.");

    public static final Setting DEBUG = Setting.named("AUDIO_STREAM_AI_DEBUG", "ai.debug", BOOLEAN)
            .alias("AI_DEBUG")
            .defaultValue(false)
            .describe("Log AI protocol messages at DEBUG.");

    private AiSettings() {}
}

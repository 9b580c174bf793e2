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
            .defaultValue("wss://api.openai.com/v1/realtime").service()
            .describe("OpenAI Realtime WebSocket endpoint (Azure, compatible servers, a local fake); service-wide, so that no per-call variable can send the API key elsewhere.");

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

    public static final Setting VOICE = Setting.named("AUDIO_STREAM_AI_VOICE", "ai.voice", TEXT)
            .alias("AI_VOICE")
            .defaultValue("marin")
            .describe("Realtime output voice (alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar); "
                    + "fixed once the agent has spoken.");

    public static final Setting TURN_DETECTION = Setting.named("AUDIO_STREAM_AI_TURN_DETECTION", "ai.turn_detection",
                    choice("server_vad", "semantic_vad", "none"))
            .defaultValue("server_vad")
            .describe("Who decides that the caller finished: the server's VAD, its semantic VAD, or nobody "
                    + "(none: responses only on send_text).");

    public static final Setting VAD_EAGERNESS = Setting.named("AUDIO_STREAM_AI_VAD_EAGERNESS", "ai.vad_eagerness",
                    choice("low", "medium", "high", "auto"))
            .defaultValue("auto")
            .describe("semantic_vad eagerness (auto = medium).");

    public static final Setting TRANSCRIPTION_MODEL = Setting.named("AUDIO_STREAM_AI_TRANSCRIPTION_MODEL", "ai.transcription_model", TEXT)
            .defaultValue("gpt-transcribe")
            .describe("Model transcribing the caller (ai_transcript events); 'none' turns it off.");

    public static final Setting TRANSCRIPTION_LANGUAGE = Setting.named("AUDIO_STREAM_AI_TRANSCRIPTION_LANGUAGE", "ai.transcription_language", TEXT)
            .defaultValue("")
            .describe("ISO-639-1 language hint for the transcription; empty lets the model detect it.");

    public static final Setting NOISE_REDUCTION = Setting.named("AUDIO_STREAM_AI_NOISE_REDUCTION", "ai.noise_reduction",
                    choice("near_field", "far_field", "off"))
            .defaultValue("near_field")
            .describe("Server-side input noise reduction (near_field suits handsets and headsets).");

    public static final Setting AUDIO_FORMAT = Setting.named("AUDIO_STREAM_AI_AUDIO_FORMAT", "ai.audio_format",
                    choice("auto", "pcmu", "pcma", "pcm24"))
            .defaultValue("auto")
            .describe("Audio format both ways: auto = the call's G.711 law (nothing decoded twice or resampled), "
                    + "pcm24 = 24 kHz PCM16 (resampled).");

    public static final Setting APPEND_MS = Setting.named("AUDIO_STREAM_AI_APPEND_MS", "ai.append_ms", INTEGER)
            .unit("ms").defaultValue(40).range(20, 1000)
            .describe("Caller audio per input_audio_buffer.append (a multiple of 20 ms; smaller reacts faster).");

    public static final Setting PLAYOUT_PREBUFFER_MS = Setting.named("AUDIO_STREAM_AI_PLAYOUT_PREBUFFER_MS",
                    "ai.playout_prebuffer_ms", INTEGER)
            .unit("ms").defaultValue(20).range(0, 1000)
            .describe("Agent audio queued before an answer starts to play. The service sends answers faster than real "
                    + "time, so one frame is enough; it replaces AUDIO_STREAM_INJECT_MIN_BUFFER_MS in AI mode.");

    public static final Setting CATCHUP_MS = Setting.named("AUDIO_STREAM_AI_CATCHUP_MS", "ai.catchup_ms", INTEGER)
            .unit("ms").defaultValue(5000).range(0, 30_000)
            .describe("Caller audio kept while the Realtime connection is down, sent on reconnect (seed §8.2).");

    public static final Setting RECONNECT_MAX = Setting.named("AUDIO_STREAM_AI_RECONNECT_MAX", "ai.reconnect_max", INTEGER)
            .defaultValue(5).range(0, 20)
            .describe("Consecutive reconnect attempts after a recoverable close before FAILED.");

    public static final Setting RECYCLE_AFTER_SEC = Setting.named("AUDIO_STREAM_AI_RECYCLE_AFTER_SEC", "ai.recycle_after_sec", INTEGER)
            .unit("s").defaultValue(3300).range(5, 3590)
            .describe("Age at which the Realtime session is replaced by a fresh one at a turn boundary "
                    + "(OpenAI ends sessions at 60 min).");

    public static final Setting WATCHDOG_MS = Setting.named("AUDIO_STREAM_AI_WATCHDOG_MS", "ai.watchdog_ms", INTEGER)
            .unit("ms").defaultValue(30_000).range(1000, 600_000)
            .describe("Engine inactivity (or no answer to an expected response) that raises the AI watchdog (seed §5.2).");

    public static final Setting TOOLS = Setting.named("AUDIO_STREAM_AI_TOOLS", "ai.tools", TEXT)
            .defaultValue("")
            .describe("JSON array of Realtime function tools ({\"type\":\"function\",\"name\":…,\"parameters\":…}); "
                    + "calls arrive as mod_audio_stream::ai_action events.");

    public static final Setting BREAKER_FAILURES = Setting.named("AUDIO_STREAM_AI_BREAKER_FAILURES", "ai.breaker_failures", INTEGER)
            .service().defaultValue(5).range(1, 100)
            .describe("Failed Realtime connects within 60 s that open the endpoint's breaker (seed §4.3).");

    public static final Setting BREAKER_COOLDOWN_MS = Setting.named("AUDIO_STREAM_AI_BREAKER_COOLDOWN_MS", "ai.breaker_cooldown_ms", INTEGER)
            .service().unit("ms").defaultValue(60_000).range(100, 3_600_000)
            .describe("How long an open Realtime breaker refuses connects before one probe (seed §4.3).");

    public static final Setting BETA_COMPAT = Setting.named("AUDIO_STREAM_AI_BETA_COMPAT", "ai.beta_compat", BOOLEAN)
            .defaultValue(false)
            .describe("For third-party 'Realtime-compatible' servers: also send temperature and accept the beta "
                    + "event names. OpenAI's GA API rejects temperature.");

    public static final Setting TEMPERATURE = Setting.named("AUDIO_STREAM_AI_TEMPERATURE", "ai.temperature", DECIMAL)
            .alias("AI_TEMPERATURE")
            .defaultValue(0.8).range(0.0, 2.0)
            .describe("Sampling temperature; sent only with AUDIO_STREAM_AI_BETA_COMPAT (GA has none).");

    public static final Setting MAX_RESPONSE_TOKENS = Setting.named("AUDIO_STREAM_AI_MAX_RESPONSE_TOKENS", "ai.max_response_tokens", INTEGER)
            .alias("AI_MAX_RESPONSE_TOKENS")
            .defaultValue(4096).range(1, 4096)
            .describe("Output token cap per response (GA allows 1-4096).");

    public static final Setting TTS_PROVIDER = Setting.named("AUDIO_STREAM_AI_TTS_PROVIDER", "ai.tts_provider",
                    choice("realtime", "elevenlabs", "openai", "realtime_tts", "espeak"))
            .alias("AI_TTS_PROVIDER")
            .defaultValue("realtime")
            .describe("Who speaks: realtime = the Realtime model's own audio (lowest latency, no extra vendor); "
                    + "elevenlabs, openai (/v1/audio/speech), realtime_tts (an out-of-band Realtime response reading "
                    + "the text), espeak (local) = the model answers in text, spoken sentence by sentence.");

    public static final Setting TTS_FALLBACK = Setting.named("AUDIO_STREAM_AI_TTS_FALLBACK", "ai.tts_fallback", TEXT)
            .defaultValue("espeak")
            .describe("Providers tried in turn when the current one fails 3 times in a row, comma-separated "
                    + "(elevenlabs, openai, realtime_tts, espeak); empty for none.");

    public static final Setting TTS_WATCHDOG_MS = Setting.named("AUDIO_STREAM_AI_TTS_WATCHDOG_MS", "ai.tts_watchdog_ms", INTEGER)
            .unit("ms").defaultValue(30_000).range(500, 600_000)
            .describe("A TTS request running longer is aborted and counted as a failure (seed §5.3).");

    public static final Setting TTS_RETRY_AFTER_MS = Setting.named("AUDIO_STREAM_AI_TTS_RETRY_AFTER_MS", "ai.tts_retry_after_ms", INTEGER)
            .unit("ms").defaultValue(30_000).range(100, 3_600_000)
            .describe("How long a provider left after 3 failures rests before a sentence tries it again.");

    public static final Setting TTS_APOLOGY = Setting.named("AUDIO_STREAM_AI_TTS_APOLOGY", "ai.tts_apology", TEXT)
            .defaultValue("I'm sorry, could you repeat that?")
            .describe("Played from the TTS cache when a sentence fails (seed §8.1); empty for silence.");

    public static final Setting TTS_PREWARM = Setting.named("AUDIO_STREAM_AI_TTS_PREWARM", "ai.tts_prewarm", TEXT)
            .service().defaultValue("")
            .describe("Phrases synthesised into the TTS cache at start-up besides the apology, separated by '|' "
                    + "(a greeting, a hold message).");

    public static final Setting TTS_CACHE_MAX_BYTES = Setting.named("AUDIO_STREAM_AI_TTS_CACHE_MAX_BYTES", "ai.tts_cache_max_bytes", INTEGER)
            .service().unit("bytes").defaultValue(64 << 20).range(0, 1 << 30)
            .describe("Audio the shared TTS cache may hold, all sessions together.");

    public static final Setting TTS_CACHE_MAX_ENTRIES = Setting.named("AUDIO_STREAM_AI_TTS_CACHE_MAX_ENTRIES", "ai.tts_cache_max_entries", INTEGER)
            .service().defaultValue(5000).range(0, 1_000_000)
            .describe("Sentences the shared TTS cache may hold.");

    public static final Setting TTS_CACHE_TTL_SEC = Setting.named("AUDIO_STREAM_AI_TTS_CACHE_TTL_SEC", "ai.tts_cache_ttl_sec", INTEGER)
            .service().unit("s").defaultValue(3600).range(1, 30 * 86_400)
            .describe("How long a cached sentence is kept after it was synthesised.");

    public static final Setting ELEVENLABS_API_KEY = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_API_KEY", "ai.elevenlabs_api_key", SECRET)
            .alias("AI_ELEVENLABS_API_KEY")
            .describe("ElevenLabs API key; required when the TTS provider is elevenlabs.");

    public static final Setting ELEVENLABS_VOICE_ID = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_VOICE_ID", "ai.elevenlabs_voice_id", TEXT)
            .alias("AI_ELEVENLABS_VOICE_ID")
            .defaultValue("21m00Tcm4TlvDq8ikWAM")
            .describe("ElevenLabs voice (default: the premade voice Rachel).");

    public static final Setting ELEVENLABS_URL = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_URL", "ai.elevenlabs_url", TEXT)
            .defaultValue("https://api.elevenlabs.io").service()
            .describe("ElevenLabs API base (a local fake for tests; the WebSocket mode uses the same host with ws(s)); "
                    + "service-wide, so that no per-call variable can send the key elsewhere.");

    public static final Setting ELEVENLABS_TRANSPORT = Setting.named("AUDIO_STREAM_AI_ELEVENLABS_TRANSPORT", "ai.elevenlabs_transport",
                    choice("http", "websocket"))
            .defaultValue("http")
            .describe("http = one streaming POST per sentence, sent when the sentence is complete; websocket = "
                    + "multi-stream-input: one connection per call, opened at its start, one context per sentence fed "
                    + "word by word as the model writes it, so a sentence over 50 characters starts speaking before "
                    + "it is complete (lower first audio; no gain for shorter ones).");

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

    public static final Setting OPENAI_TTS_MODEL = Setting.named("AUDIO_STREAM_AI_OPENAI_TTS_MODEL", "ai.openai_tts_model", TEXT)
            .defaultValue("gpt-4o-mini-tts")
            .describe("OpenAI TTS model (OpenAI shuts every TTS model down on 2027-01-06: realtime_tts is the way on).");

    public static final Setting OPENAI_TTS_URL = Setting.named("AUDIO_STREAM_AI_OPENAI_TTS_URL", "ai.openai_tts_url", TEXT)
            .defaultValue("https://api.openai.com/v1/audio/speech").service()
            .describe("OpenAI speech endpoint (a local fake for tests); service-wide, so that no per-call variable can "
                    + "send the key elsewhere.");

    public static final Setting OPENAI_TTS_STREAM_FORMAT = Setting.named("AUDIO_STREAM_AI_OPENAI_TTS_STREAM_FORMAT", "ai.openai_tts_stream_format",
                    choice("audio", "sse"))
            .defaultValue("audio")
            .describe("audio = raw PCM streamed as generated; sse = speech.audio.delta events (not for tts-1*).");

    public static final Setting REALTIME_TTS_MODEL = Setting.named("AUDIO_STREAM_AI_REALTIME_TTS_MODEL", "ai.realtime_tts_model", TEXT)
            .defaultValue("gpt-realtime-2.1-mini")
            .describe("Realtime model that reads sentences aloud for realtime_tts (voice: AUDIO_STREAM_AI_VOICE).");

    public static final Setting ESPEAK_VOICE = Setting.named("AUDIO_STREAM_AI_ESPEAK_VOICE", "ai.espeak_voice", TEXT)
            .defaultValue("en-us")
            .describe("espeak-ng voice of the local TTS.");

    public static final Setting ESPEAK_COMMAND = Setting.named("AUDIO_STREAM_AI_ESPEAK_COMMAND", "ai.espeak_command", TEXT)
            .service().defaultValue("espeak-ng")
            .describe("The espeak-ng executable (Debian package espeak-ng).");

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

    public static final Setting LOCAL_BARGE_IN = Setting.named("AUDIO_STREAM_AI_LOCAL_BARGE_IN", "ai.local_barge_in", BOOLEAN)
            .defaultValue(false)
            .describe("Silence the agent as soon as the gateway itself hears the caller speak, before the server's VAD "
                    + "confirms it; without a confirmation the agent's answer resumes where it stopped.");

    public static final Setting LOCAL_BARGE_IN_DBFS = Setting.named("AUDIO_STREAM_AI_LOCAL_BARGE_IN_DBFS",
                    "ai.local_barge_in_dbfs", DECIMAL)
            .unit("dBFS").defaultValue(-30.0).range(-70.0, 0.0)
            .describe("Caller level (RMS over 20 ms) that the local barge-in detector counts as speech; keep it above "
                    + "the echo of the agent's own voice on the caller's line.");

    public static final Setting LOCAL_BARGE_IN_MIN_MS = Setting.named("AUDIO_STREAM_AI_LOCAL_BARGE_IN_MIN_MS",
                    "ai.local_barge_in_min_ms", INTEGER)
            .unit("ms").defaultValue(300).range(60, 2000)
            .describe("Speech the local detector needs before it silences the agent (coughs and backchannels are shorter).");

    public static final Setting LOCAL_BARGE_IN_CONFIRM_MS = Setting.named("AUDIO_STREAM_AI_LOCAL_BARGE_IN_CONFIRM_MS",
                    "ai.local_barge_in_confirm_ms", INTEGER)
            .unit("ms").defaultValue(1000).range(100, 5000)
            .describe("How long a local barge-in waits for the server's speech_started before the agent resumes.");

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

/**
 * Settings: the schema of every {@code AUDIO_STREAM_*} variable ({@link org.audiostream.config.Schema}),
 * and their resolution from defaults, YAML file, environment and per-call overrides with
 * validation and clamping ({@link org.audiostream.config.ConfigLoader}).
 *
 * <p>Threads: everything here is immutable or stateless. Start at {@code Schema} and {@code ConfigLoader}.
 */
package org.audiostream.config;

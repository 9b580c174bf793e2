package org.audiostream.stream.ai.tts;

/**
 * A {@link TtsEngine} that takes a sentence while the model is still writing it: the provider gets the first words
 * at once and can start speaking before the sentence is complete. Threads: see {@link TtsEngine}.
 */
interface TextStreamingEngine extends TtsEngine {

    /** Starts a sentence whose text follows through the returned input; the audio streams to {@code listener}. */
    SentenceInput begin(TtsListener listener);

    /** {@inheritDoc} The whole sentence at once: {@link #begin} and {@link SentenceInput#end}. */
    @Override
    default Synthesis synthesize(String text, TtsListener listener) {
        SentenceInput input = begin(listener);
        input.end(text);
        return input;
    }
}

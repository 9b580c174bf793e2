package org.audiostream.stream.ai.tts;

/**
 * A sentence being spoken while its text still arrives ({@link TextStreamingEngine#begin}). Threads: {@link #append}
 * and {@link #end} from the session's event loop, in order; {@link #cancel} from any thread.
 */
interface SentenceInput extends Synthesis {

    /** More of the sentence: whole words, ending with white space. */
    void append(String words);

    /** The sentence is complete with {@code rest} (may be empty): everything not yet spoken is spoken now. */
    void end(String rest);
}

/**
 * Voice DSP for synthesised speech on the inject path (AI mode): DC blocker, noise gate,
 * compressor, high-shelf and low-pass biquads, soft clipper, run in that order by {@link
 * org.audiostream.media.dsp.DspChain} from one {@link org.audiostream.media.dsp.DspSettings}.
 * Threads: every stage and chain is confined to one thread (the session's TTS producer); nothing
 * allocates per frame. Start at {@code DspChain}.
 */
package org.audiostream.media.dsp;

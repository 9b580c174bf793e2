package org.audiostream.stream.ws;

import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.StreamSettings;
import org.audiostream.media.MixMode;

/**
 * One stream's WebSocket dialect, its halves built for that stream: {@code capture} packs captured frames on
 * the clock shard, {@code wire} turns them and the control messages into frames on the event loop, and
 * {@code decoder} reads what the app sends. {@link WsStreamTarget} and {@link WsStreamClient} are the same for
 * every dialect. Threads: immutable holder; each half says where it runs.
 *
 * @param protocol which dialect
 * @param capture the clock-shard half
 * @param wire the event-loop half
 * @param decoder what the app's text messages mean
 * @param wireBytesPerBatch what one capture record becomes on the wire, about, to size the socket buffer
 * @param binaryInjectRate the rate of raw L16 binary messages the app may send, or 0 when they are ignored
 * @param binaryHint what to tell the operator when a binary message is ignored
 * @param streamId the dialect's name for the stream (Twilio's {@code streamSid}), or {@code null}
 */
record WsDialect(WsProtocol protocol, CaptureEncoder capture, WireEncoder wire, MessageDecoder decoder,
                 int wireBytesPerBatch, int binaryInjectRate, String binaryHint, String streamId) {

    /**
     * Builds {@code protocol}'s halves for one stream.
     *
     * @param sampleRate the stream rate (already defaulted; a dialect with a {@link WsProtocol#fixedRate()} gets it)
     * @throws IllegalArgumentException if the dialect cannot carry this mix, rate or metadata
     */
    static WsDialect create(WsProtocol protocol, String sessionUuid, MixMode mix, int sampleRate, String metadata,
                            EffectiveConfig config) {
        int maxBase64 = config.intValue(StreamSettings.MAX_AUDIO_BASE64_LEN);
        return switch (protocol) {
            case MOD_AUDIO_STREAM -> {
                FrameBatcher batcher = new FrameBatcher(sampleRate, mix.channels(),
                        config.intValue(StreamSettings.RTP_PACKETS));
                yield new WsDialect(protocol, batcher, new ModAudioStreamWire(metadata),
                        new StreamAudioDecoder(maxBase64, config.flag(StreamSettings.FILE_MODE)), batcher.batchBytes(),
                        config.intValue(StreamSettings.INBOUND_SAMPLE_RATE),
                        "set AUDIO_STREAM_INBOUND_SAMPLE_RATE to inject raw binary frames", null);
            }
            case TWILIO -> {
                if (mix == MixMode.MIXED) {
                    throw new IllegalArgumentException("the twilio protocol has no mixed form: use mono (the inbound"
                            + " track) or stereo (the inbound and outbound tracks)");
                }
                TwilioStream stream = TwilioStream.create(sessionUuid, mix.channels(), metadata);
                yield new WsDialect(protocol, new TwilioCapture(mix.channels()), new TwilioWire(stream),
                        new TwilioMessageDecoder(maxBase64), mix.channels() * TwilioWire.MEDIA_MESSAGE_BYTES, 0,
                        "the twilio protocol carries audio in media messages only", stream.streamSid());
            }
        };
    }
}

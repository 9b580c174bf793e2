package org.audiostream.stream.ws;

/**
 * Counters of one {@link WsStreamClient}, read as one snapshot. Invariant once the client is closed:
 * {@code framesOffered = framesSent + framesDroppedNotConnected + framesDroppedQueueFull + framesDiscarded}.
 * Threads: immutable.
 *
 * @param framesOffered audio frames (capture records) given to {@code offerAudio}
 * @param framesSent frames written to the socket (a Twilio record is one media message per track)
 * @param bytesSent bytes of the WebSocket payloads that carried audio
 * @param framesDroppedNotConnected frames offered before the opening frames (metadata) were written or while
 *     disconnected
 * @param framesDroppedQueueFull frames offered while the send queue was full (the server is slow)
 * @param framesDiscarded frames accepted but discarded because the connection ended first
 * @param textsSent text frames sent other than audio and the opening frames: send_text, stop text, mark
 *     reports, and the dialect's DTMF and closing messages
 * @param textsDropped texts, mark reports and DTMF messages not sent because the client was not connected
 * @param connectAttempts TCP connection attempts made
 * @param connects WebSocket upgrades completed
 * @param reconnects reconnects scheduled
 * @param breakerRefusals attempts refused by the target's circuit breaker
 * @param pingsSent heartbeat pings sent
 * @param pongsReceived pongs received
 * @param messagesReceived text and binary messages received
 */
public record WsStreamStats(long framesOffered, long framesSent, long bytesSent, long framesDroppedNotConnected,
        long framesDroppedQueueFull, long framesDiscarded, long textsSent, long textsDropped, long connectAttempts,
        long connects, long reconnects, long breakerRefusals, long pingsSent, long pongsReceived,
        long messagesReceived) {

    /** Every audio frame that did not reach the socket. */
    public long framesDropped() {
        return framesDroppedNotConnected + framesDroppedQueueFull + framesDiscarded;
    }
}

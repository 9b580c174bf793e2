/**
 * SIP for the gateway: message parser and serialiser (RFC 3261 §7, §20, §25), SDP offer/answer
 * for one audio stream (RFC 4566, RFC 3264, RFC 4733).
 *
 * <p>Threads: parsers and SDP code are stateless and run on the SIP event loop.
 *
 * <p>Start at {@link org.audiostream.call.sip.SipMessageParser} and
 * {@link org.audiostream.call.sip.SdpOfferAnswer}.
 */
package org.audiostream.call.sip;

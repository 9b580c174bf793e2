/**
 * SIP for the gateway: message parser and serialiser (RFC 3261 §7, §20, §25), transactions
 * (§17), dialogs (§12), SDP offer/answer for one audio stream (RFC 4566, RFC 3264, RFC 4733) and
 * the user agent server on Netty that talks to the session layer through
 * {@link org.audiostream.call.sip.CallHandler}.
 *
 * <p>Threads: one Netty event loop per {@link org.audiostream.call.sip.SipUas} runs all SIP
 * processing; parsers and SDP code are stateless.
 *
 * <p>Start at {@link org.audiostream.call.sip.SipUas} (wiring), then
 * {@link org.audiostream.call.sip.UasDispatcher} (what happens to each message) and
 * {@link org.audiostream.call.sip.UasCall} (one call's life).
 */
package org.audiostream.call.sip;

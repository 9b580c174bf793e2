/**
 * Guards shared by the gateway's TCP listeners (SIP over TCP, the admin HTTP server): connection limits in
 * total and per source address ({@link org.audiostream.net.ConnectionLimiter}), a deadline for a message
 * that has started but not finished ({@link org.audiostream.net.MessageDeadline}), and a per-source rate
 * limit ({@link org.audiostream.net.SourceRateLimiter}). Every network input is hostile: each refusal is
 * counted as a {@link org.audiostream.observe.SecurityEvent} and logged at a bounded rate.
 *
 * <p>Layering: beside {@code observe} at the bottom; the listeners in {@code call.sip} and {@code control}
 * use it, it uses nothing above {@code observe}.
 */
package org.audiostream.net;

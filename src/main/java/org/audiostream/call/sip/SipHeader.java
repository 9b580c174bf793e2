package org.audiostream.call.sip;

/**
 * One header line: canonical name (see {@link SipHeaders}) and its unfolded value.
 * Threads: immutable; any thread.
 *
 * @param name canonical name for known headers, as received otherwise
 * @param value value with folding replaced by single spaces, trimmed
 */
public record SipHeader(String name, String value) {
}

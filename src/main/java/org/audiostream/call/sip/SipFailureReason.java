package org.audiostream.call.sip;

/**
 * Why a received SIP message was rejected by the decoder, parser or validator. Each reason names
 * the response a UAS sends when one can be formed (RFC 3261 §8.2, §21.4) and the short reason
 * phrase used in it; the detail text goes into a {@code Warning: 399} header.
 * Threads: immutable; any thread.
 */
public enum SipFailureReason {
    /** Request-Line or Status-Line does not follow RFC 3261 §7.1/§7.2 (extra or missing SP, ...). */
    START_LINE_MALFORMED(400, "Malformed Start Line"),
    /** The Request-URI is not a valid URI (RFC 3261 §19.1, §25.1). */
    REQUEST_URI_INVALID(400, "Bad Request-URI"),
    /** A well-formed SIP-Version other than SIP/2.0 (RFC 3261 §8.2.2 answers 505). */
    VERSION_UNSUPPORTED(505, "Version Not Supported"),
    /** Status-Code outside 100..699 or not three digits. */
    STATUS_CODE_INVALID(400, "Bad Status Code"),
    /** A header line without a colon, with an empty or non-token name, or a stray continuation. */
    HEADER_LINE_MALFORMED(400, "Malformed Header Line"),
    /** A datagram ends inside the header section: no empty line (RFC 3261 §7), e.g. truncated. */
    HEADERS_UNTERMINATED(400, "Incomplete Message"),
    /** The header section exceeds the configured byte limit. */
    HEADER_SECTION_TOO_LARGE(400, "Header Section Too Large"),
    /** The body exceeds the configured byte limit (RFC 3261 §21.4.11). */
    BODY_TOO_LARGE(413, "Request Entity Too Large"),
    /** Content-Length is not a non-negative decimal integer. */
    CONTENT_LENGTH_INVALID(400, "Bad Content-Length"),
    /** Content-Length is larger than the octets in the datagram (RFC 3261 §18.3). */
    CONTENT_LENGTH_MISMATCH(400, "Content-Length Mismatch"),
    /** A stream transport message without Content-Length (RFC 3261 §18.3 makes it mandatory). */
    CONTENT_LENGTH_MISSING(400, "Missing Content-Length"),
    /** A header that must appear at most once appears more than once. */
    HEADER_DUPLICATED(400, "Duplicated Header"),
    /** A mandatory header (Via, From, To, Call-ID, CSeq) is missing (RFC 3261 §8.1.1). */
    HEADER_MISSING(400, "Missing Header"),
    /** A Via value does not follow RFC 3261 §20.42. */
    VIA_INVALID(400, "Bad Via"),
    /** A From, To, Contact, Route, Record-Route or Refer-To value is not a valid name-addr/addr-spec. */
    ADDRESS_INVALID(400, "Bad Address"),
    /** CSeq is malformed or its number exceeds 2^32-1 (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.4). */
    CSEQ_INVALID(400, "Bad CSeq"),
    /** The CSeq method differs from the Request-Line method (RFC 4475 §3.1.2.17). */
    CSEQ_METHOD_MISMATCH(400, "CSeq Method Mismatch"),
    /** Max-Forwards is not an integer in 0..255. */
    MAX_FORWARDS_INVALID(400, "Bad Max-Forwards"),
    /** Another known header has a value that does not follow its grammar. */
    HEADER_VALUE_INVALID(400, "Bad Header Value");

    private final int statusCode;
    private final String phrase;

    SipFailureReason(int statusCode, String phrase) {
        this.statusCode = statusCode;
        this.phrase = phrase;
    }

    /** Status code of the response a UAS sends for this failure. */
    public int statusCode() {
        return statusCode;
    }

    /** Reason phrase of that response. */
    public String phrase() {
        return phrase;
    }

    /** Metric label, e.g. {@code cseq_invalid}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

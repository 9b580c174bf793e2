package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import java.util.ArrayList;
import java.util.List;
import org.audiostream.call.sip.SipHeaderValues.Event;
import org.audiostream.call.sip.SipHeaderValues.MediaType;
import org.audiostream.call.sip.SipHeaderValues.Reason;
import org.audiostream.call.sip.SipHeaderValues.SessionExpires;

/**
 * A SIP request or response: headers, body, and — for received messages — the decoding failure
 * if any (Netty's {@code DecoderResult} idea: bad input is a value). Typed accessors parse the
 * header on each call; a message that passed {@link SipMessageValidator} never fails in them.
 * Threads: built on the SIP event loop; see {@link SipHeaders} for hand-off.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {

    static final byte[] NO_BODY = new byte[0];

    private final SipHeaders headers = new SipHeaders();
    private byte[] body = NO_BODY;
    private SipParseFailure failure;

    /**
     * Parses one received datagram ({@link SipLimits#DEFAULT}); never throws: check {@link #isValid()}.
     * Returns {@code null} for a datagram of only line ends (a keep-alive).
     * For SIP peers outside this package, such as the demo's test caller.
     */
    public static SipMessage parseDatagram(byte[] data, int offset, int length) {
        return SipMessageParser.parseDatagram(io.netty.buffer.Unpooled.wrappedBuffer(data, offset, length), SipLimits.DEFAULT);
    }

    public SipHeaders headers() {
        return headers;
    }

    /** The body octets (not a copy; do not modify). */
    public byte[] body() {
        return body;
    }

    void body(byte[] body) {
        this.body = body;
    }

    /** The decoding failure, or {@code null} when the message is valid. */
    public SipParseFailure failure() {
        return failure;
    }

    void failure(SipParseFailure failure) {
        this.failure = failure;
    }

    public boolean isValid() {
        return failure == null;
    }

    /** The start line without CRLF. */
    public abstract String startLine();

    public List<Via> vias() {
        List<Via> out = new ArrayList<>(2);
        for (String v : headers.values(VIA)) {
            out.add(ViaParser.parse(v));
        }
        return out;
    }

    /** The first Via, or {@code null}. */
    public Via topVia() {
        List<String> v = headers.values(VIA);
        return v.isEmpty() ? null : ViaParser.parse(v.get(0));
    }

    public NameAddr from() {
        return address(FROM);
    }

    public NameAddr to() {
        return address(TO);
    }

    public String callId() {
        return headers.first(CALL_ID);
    }

    public CSeq cseq() {
        String v = headers.first(CSEQ);
        return v == null ? null : CSeq.parse(v);
    }

    /** Max-Forwards, or -1 when absent. */
    public int maxForwards() {
        String v = headers.first(MAX_FORWARDS);
        return v == null ? -1 : SipMessageValidator.maxForwards(v);
    }

    /** Contact values; empty for {@code Contact: *} or when absent. */
    public List<NameAddr> contacts() {
        return addresses(CONTACT);
    }

    public List<NameAddr> recordRoutes() {
        return addresses(RECORD_ROUTE);
    }

    public List<NameAddr> routes() {
        return addresses(ROUTE);
    }

    /** Content-Type, or {@code null}. */
    public MediaType contentType() {
        String v = headers.first(CONTENT_TYPE);
        return v == null ? null : SipHeaderValues.mediaType(v);
    }

    /** Option tags or methods of a token-list header (Require, Supported, Allow, ...). */
    public List<String> tokens(String header) {
        return SipHeaderValues.tokens(headers.values(header), SipHeaderNames.canonical(header));
    }

    /** Expires in seconds, or -1 when absent. */
    public long expires() {
        String v = headers.first(EXPIRES);
        return v == null ? -1 : SipHeaderValues.deltaSeconds(v, EXPIRES);
    }

    /** Retry-After in seconds, or -1 when absent. */
    public long retryAfter() {
        String v = headers.first(RETRY_AFTER);
        return v == null ? -1 : SipHeaderValues.deltaSeconds(v, RETRY_AFTER);
    }

    public List<Reason> reasons() {
        List<Reason> out = new ArrayList<>(1);
        for (String v : headers.values(REASON)) {
            out.add(SipHeaderValues.reason(v));
        }
        return out;
    }

    /** Refer-To, or {@code null}. */
    public NameAddr referTo() {
        return address(REFER_TO);
    }

    /** Event, or {@code null}. */
    public Event event() {
        String v = headers.first(EVENT);
        return v == null ? null : SipHeaderValues.event(v);
    }

    /** Session-Expires, or {@code null}. */
    public SessionExpires sessionExpires() {
        String v = headers.first(SESSION_EXPIRES);
        return v == null ? null : SipHeaderValues.sessionExpires(v);
    }

    private NameAddr address(String name) {
        String v = headers.first(name);
        return v == null ? null : NameAddrParser.parse(v);
    }

    private List<NameAddr> addresses(String name) {
        List<NameAddr> out = new ArrayList<>(1);
        for (String v : headers.values(name)) {
            if (!(name.equals(CONTACT) && v.equals("*"))) {
                out.add(NameAddrParser.parse(v));
            }
        }
        return out;
    }
}

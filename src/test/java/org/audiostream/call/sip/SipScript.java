package org.audiostream.call.sip;

/**
 * Builds the requests a test peer (a UAC at 127.0.0.1:5070) sends. Every method returns the raw
 * message text with CRLF line ends and a correct Content-Length.
 */
final class SipScript {

    static final String OFFER_PCMU = """
            v=0\r
            o=peer 1 1 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-16\r
            """;

    final String callId;
    final String fromTag = "peer-tag";
    String toTag;
    int cseq = 1;

    SipScript(String callId) {
        this.callId = callId;
    }

    static String withBody(String head, String contentType, String body) {
        String h = head.endsWith("\r\n") ? head : head + "\r\n";
        if (body == null || body.isEmpty()) {
            return h + "Content-Length: 0\r\n\r\n";
        }
        return h + "Content-Type: " + contentType + "\r\nContent-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    String request(String method, String branch, long cseqNumber, String cseqMethod, String extraHeaders, String sdp) {
        String to = "To: <sip:uas@127.0.0.1:5060>" + (toTag == null ? "" : ";tag=" + toTag);
        String head = method + " sip:uas@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Peer\" <sip:peer@127.0.0.1:5070>;tag=" + fromTag + "\r\n"
                + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseqNumber + " " + cseqMethod + "\r\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\r\n"
                + extraHeaders;
        return withBody(head, "application/sdp", sdp);
    }

    String invite(String branch, String sdp) {
        return request("INVITE", branch, cseq, "INVITE", "", sdp);
    }

    String inviteWith(String branch, String extraHeaders, String sdp) {
        return request("INVITE", branch, cseq, "INVITE", extraHeaders, sdp);
    }

    /** ACK for a 2xx: new branch, same CSeq number as the INVITE. */
    String ack(String branch, String sdp) {
        return request("ACK", branch, cseq, "ACK", "", sdp);
    }

    /** ACK for a non-2xx: the INVITE's branch. */
    String ackError(String inviteBranch) {
        return request("ACK", inviteBranch, cseq, "ACK", "", null);
    }

    String cancel(String inviteBranch) {
        String saved = toTag;
        toTag = null;
        String r = request("CANCEL", inviteBranch, cseq, "CANCEL", "", null);
        toTag = saved;
        return r;
    }

    /** A new in-dialog request with the next CSeq. */
    String next(String method, String branch, String extraHeaders, String sdp) {
        cseq++;
        return request(method, branch, cseq, method, extraHeaders, sdp);
    }
}

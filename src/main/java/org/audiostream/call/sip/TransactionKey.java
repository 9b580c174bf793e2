package org.audiostream.call.sip;

/**
 * Identifies a server transaction (RFC 3261 §17.2.3): the top Via branch and sent-by plus the
 * method (ACK and CANCEL look up the INVITE), or — without the magic cookie — the RFC 2543
 * fallback built from Request-URI, From tag, Call-ID, CSeq number, top Via, and for non-INVITE
 * methods the To tag. The RFC 3261 key also holds Call-ID and CSeq number, which a
 * retransmission, its CANCEL (§9.1) and the ACK of a non-2xx (§17.1.1.3) always repeat: two
 * different requests from a peer that reuses branch values (the RFC 4475 messages do) are then
 * not taken for retransmissions of each other.
 * Threads: immutable; any thread.
 *
 * @param value the composed key
 */
record TransactionKey(String value) {

    /** Key of {@code request}'s own transaction. */
    static TransactionKey of(SipRequest request) {
        return of(request, request.isMethod("ACK") ? "INVITE" : request.method());
    }

    /** Key of the transaction with {@code method} that {@code request} belongs to (ACK/CANCEL → INVITE). */
    static TransactionKey of(SipRequest request, String method) {
        Via top = request.topVia();
        if (top.hasRfc3261Branch()) {
            return new TransactionKey(top.branch() + '|' + top.sentBy().toLowerCase(java.util.Locale.ROOT) + '|' + method
                    + '|' + request.callId() + '|' + request.cseq().number());
        }
        String toTag = method.equals("INVITE") ? "" : String.valueOf(request.to().tag());
        return new TransactionKey("2543|" + request.requestUri() + '|' + request.from().tag() + '|' + request.callId()
                + '|' + request.cseq().number() + '|' + top.sentBy() + '|' + top.branch() + '|' + toTag + '|' + method);
    }
}

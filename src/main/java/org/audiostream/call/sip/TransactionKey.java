package org.audiostream.call.sip;

/**
 * Identifies a server transaction (RFC 3261 §17.2.3): the top Via branch and sent-by plus the
 * method (ACK and CANCEL look up the INVITE), or — without the magic cookie — the RFC 2543
 * fallback built from Request-URI, From tag, Call-ID, CSeq number, top Via, and for non-INVITE
 * methods the To tag.
 *
 * <p>Threads: immutable; any thread.
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
            return new TransactionKey(top.branch() + '|' + top.sentBy().toLowerCase(java.util.Locale.ROOT) + '|' + method);
        }
        String toTag = method.equals("INVITE") ? "" : String.valueOf(request.to().tag());
        return new TransactionKey("2543|" + request.requestUri() + '|' + request.from().tag() + '|' + request.callId()
                + '|' + request.cseq().number() + '|' + top.sentBy() + '|' + top.branch() + '|' + toTag + '|' + method);
    }
}

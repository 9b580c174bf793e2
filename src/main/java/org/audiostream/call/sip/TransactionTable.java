package org.audiostream.call.sip;

import java.util.HashMap;
import java.util.Map;

/**
 * The live transactions: server ones by {@link TransactionKey}, client ones by branch and method,
 * plus the index that detects merged requests (RFC 3261 §8.2.2.2: same From tag, Call-ID and
 * CSeq without To tag but another transaction → 482).
 * Threads: confined to the SIP event loop.
 */
final class TransactionTable {

    private final Map<TransactionKey, ServerTransaction> server = new HashMap<>();
    private final Map<String, ServerTransaction> byMergeKey = new HashMap<>();
    private final Map<String, NonInviteClientTransaction> client = new HashMap<>();

    ServerTransaction find(SipRequest request) {
        return server.get(TransactionKey.of(request));
    }

    /** The INVITE transaction an ACK or CANCEL refers to, or {@code null}. */
    InviteServerTransaction findInvite(SipRequest ackOrCancel) {
        return server.get(TransactionKey.of(ackOrCancel, "INVITE")) instanceof InviteServerTransaction ist ? ist : null;
    }

    /** Whether {@code request} (no To tag) duplicates a live transaction reached by another path. */
    boolean isMerged(SipRequest request) {
        if (request.to().tag() != null) {
            return false;
        }
        ServerTransaction t = byMergeKey.get(mergeKey(request));
        return t != null && !t.key.equals(TransactionKey.of(request));
    }

    void add(ServerTransaction t) {
        server.put(t.key, t);
        if (t.request.to().tag() == null) {
            byMergeKey.put(mergeKey(t.request), t);
        }
    }

    void remove(ServerTransaction t) {
        server.remove(t.key, t);
        byMergeKey.remove(mergeKey(t.request), t);
    }

    void addClient(NonInviteClientTransaction t) {
        client.put(t.key(), t);
    }

    void removeClient(NonInviteClientTransaction t) {
        client.remove(t.key(), t);
    }

    /** The client transaction a response belongs to (branch + CSeq method, §17.1.3), or {@code null}. */
    NonInviteClientTransaction findClient(SipResponse response) {
        Via top = response.topVia();
        return top.branch() == null ? null
                : client.get(NonInviteClientTransaction.key(top.branch(), response.cseq().method()));
    }

    int serverCount() {
        return server.size();
    }

    int clientCount() {
        return client.size();
    }

    private static String mergeKey(SipRequest r) {
        return r.from().tag() + '|' + r.callId() + '|' + r.cseq().number() + '|' + r.method();
    }
}

package org.audiostream.call.sip;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the UAS: requests received by method, responses sent and received by status code,
 * invalid messages by reason, retransmissions, timeouts, drops. The lead binds them to metrics
 * ({@code sip_requests_total{method}}, {@code sip_messages_invalid_total{reason}}, ...).
 * Threads: written on the SIP event loop; read from any thread.
 */
public final class SipCounters {

    /** Methods counted by name; any other method is counted as {@code OTHER}. */
    public static final Set<String> METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "REFER",
            "NOTIFY", "INFO", "MESSAGE", "REGISTER", "SUBSCRIBE", "PUBLISH", "PRACK");

    private final Map<String, LongAdder> requests = new TreeMap<>();
    private final AtomicLongArray responsesSent = new AtomicLongArray(700);
    private final AtomicLongArray responsesReceived = new AtomicLongArray(700);
    private final EnumMap<SipFailureReason, LongAdder> invalid = new EnumMap<>(SipFailureReason.class);
    private final LongAdder retransmissionsSent = new LongAdder();
    private final LongAdder retransmissionsReceived = new LongAdder();
    private final LongAdder ackTimeouts = new LongAdder();
    private final LongAdder clientTimeouts = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final EnumMap<CallRefusal.Reason, LongAdder> rejected = new EnumMap<>(CallRefusal.Reason.class);

    SipCounters() {
        for (String m : METHODS) {
            requests.put(m, new LongAdder());
        }
        requests.put("OTHER", new LongAdder());
        for (CallRefusal.Reason r : CallRefusal.Reason.values()) {
            rejected.put(r, new LongAdder());
        }
        for (SipFailureReason r : SipFailureReason.values()) {
            invalid.put(r, new LongAdder());
        }
    }

    void request(String method) {
        requests.get(METHODS.contains(method) ? method : "OTHER").increment();
    }

    void responseSent(int status) {
        responsesSent.incrementAndGet(Math.clamp(status, 0, 699));
    }

    void responseReceived(int status) {
        responsesReceived.incrementAndGet(Math.clamp(status, 0, 699));
    }

    void invalid(SipFailureReason reason) {
        invalid.get(reason).increment();
    }

    void retransmissionSent() {
        retransmissionsSent.increment();
    }

    void retransmissionReceived() {
        retransmissionsReceived.increment();
    }

    void ackTimeout() {
        ackTimeouts.increment();
    }

    void clientTimeout() {
        clientTimeouts.increment();
    }

    void drop() {
        dropped.increment();
    }

    void admissionRejected(CallRefusal.Reason reason) {
        rejected.get(reason).increment();
    }

    /** Requests received, by method (plus {@code OTHER}). */
    public Map<String, Long> requests() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Responses we sent with {@code status}. */
    public long responsesSent(int status) {
        return responsesSent.get(status);
    }

    /** Responses we received (to our BYE/NOTIFY/UPDATE) with {@code status}. */
    public long responsesReceived(int status) {
        return responsesReceived.get(status);
    }

    /** Invalid messages, by reason. */
    public Map<SipFailureReason, Long> invalid() {
        Map<SipFailureReason, Long> out = new EnumMap<>(SipFailureReason.class);
        invalid.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Retransmissions we sent (requests and responses, timer-driven or answering a retransmission). */
    public long retransmissionsSent() {
        return retransmissionsSent.sum();
    }

    /** Retransmitted requests we absorbed in an existing server transaction. */
    public long retransmissionsReceived() {
        return retransmissionsReceived.sum();
    }

    /** No ACK within 64·T1 for a 2xx (Timer L) or an error response (Timer H). */
    public long ackTimeouts() {
        return ackTimeouts.sum();
    }

    /** Our requests (BYE, NOTIFY, UPDATE) that got no final response (Timer F). */
    public long clientTimeouts() {
        return clientTimeouts.sum();
    }

    /**
     * New calls refused with 503 for {@code reason}: draining, at capacity ({@code maxSessions} calls up or no
     * RTP ports free), or the media clock overloaded.
     */
    public long rejected(CallRefusal.Reason reason) {
        return rejected.get(reason).sum();
    }

    /** Messages dropped without a response (unanswerable invalid ones, stray ACKs and responses). */
    public long dropped() {
        return dropped.sum();
    }
}

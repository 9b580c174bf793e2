package org.audiostream.call.sip;

/**
 * Thrown by {@link CallHandler#onInvite} to refuse a call with a SIP final response, e.g.
 * {@code new CallRejection(503, "No RTP ports", 5)}.
 * Threads: immutable; any thread.
 */
public final class CallRejection extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reasonPhrase;
    private final int retryAfterSeconds;

    /**
     * @param status final status 300..699
     * @param reasonPhrase reason phrase of the response
     * @param retryAfterSeconds value of a Retry-After header, or -1 for none
     */
    public CallRejection(int status, String reasonPhrase, int retryAfterSeconds) {
        super(status + " " + reasonPhrase, null, false, false);
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("CallRejection status=" + status + " is not a final error 300..699");
        }
        this.status = status;
        this.reasonPhrase = reasonPhrase;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public CallRejection(int status, String reasonPhrase) {
        this(status, reasonPhrase, -1);
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

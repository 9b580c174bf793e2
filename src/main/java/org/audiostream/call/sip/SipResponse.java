package org.audiostream.call.sip;

/**
 * A SIP response. A received response whose Status-Line could not be parsed has status 0 and a
 * failure.
 * Threads: see {@link SipMessage}.
 */
public final class SipResponse extends SipMessage {

    private final int status;
    private final String reasonPhrase;

    SipResponse(int status, String reasonPhrase) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
    }

    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    public boolean isProvisional() {
        return status >= 100 && status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + status + ' ' + reasonPhrase;
    }

    @Override
    public String toString() {
        return startLine();
    }
}

package org.audiostream.call.sip;

/**
 * A SIP request. A received request whose Request-Line could not be parsed has a best-effort
 * method (the first token, possibly empty), a {@code null} URI and a failure.
 * Threads: see {@link SipMessage}.
 */
public final class SipRequest extends SipMessage {

    private final String method;
    private final Uri requestUri;

    SipRequest(String method, Uri requestUri) {
        this.method = method;
        this.requestUri = requestUri;
    }

    /** Method, case-sensitive (RFC 3261 §7.1). */
    public String method() {
        return method;
    }

    /** Request-URI, or {@code null} when the Request-Line was malformed. */
    public Uri requestUri() {
        return requestUri;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    @Override
    public String startLine() {
        return method + ' ' + requestUri + " SIP/2.0";
    }

    @Override
    public String toString() {
        return startLine();
    }
}

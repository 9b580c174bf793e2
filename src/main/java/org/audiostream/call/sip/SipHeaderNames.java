package org.audiostream.call.sip;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header names: canonical spelling of the headers we know, compact forms (RFC 3261 §7.3.3 and
 * the extensions' registrations), which headers are comma-separated lists (§7.3.1), and which
 * must appear at most once.
 * Threads: immutable tables; any thread.
 */
final class SipHeaderNames {

    static final String VIA = "Via";
    static final String FROM = "From";
    static final String TO = "To";
    static final String CALL_ID = "Call-ID";
    static final String CSEQ = "CSeq";
    static final String MAX_FORWARDS = "Max-Forwards";
    static final String CONTACT = "Contact";
    static final String ROUTE = "Route";
    static final String RECORD_ROUTE = "Record-Route";
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String CONTENT_ENCODING = "Content-Encoding";
    static final String REQUIRE = "Require";
    static final String PROXY_REQUIRE = "Proxy-Require";
    static final String SUPPORTED = "Supported";
    static final String UNSUPPORTED = "Unsupported";
    static final String ALLOW = "Allow";
    static final String ACCEPT = "Accept";
    static final String EXPIRES = "Expires";
    static final String REASON = "Reason";
    static final String RETRY_AFTER = "Retry-After";
    static final String REFER_TO = "Refer-To";
    static final String EVENT = "Event";
    static final String SUBSCRIPTION_STATE = "Subscription-State";
    static final String SESSION_EXPIRES = "Session-Expires";
    static final String MIN_SE = "Min-SE";
    static final String WARNING = "Warning";
    static final String USER_AGENT = "User-Agent";
    static final String SERVER = "Server";

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        for (String n : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTACT, ROUTE,
                RECORD_ROUTE, CONTENT_TYPE, CONTENT_LENGTH, CONTENT_ENCODING, REQUIRE, PROXY_REQUIRE,
                SUPPORTED, UNSUPPORTED, ALLOW, ACCEPT, "Accept-Encoding", "Accept-Language", EXPIRES,
                REASON, RETRY_AFTER, REFER_TO, "Referred-By", EVENT, "Allow-Events", SUBSCRIPTION_STATE,
                SESSION_EXPIRES, MIN_SE, WARNING, USER_AGENT, SERVER, "Subject", "Date", "Timestamp",
                "Organization", "Priority", "Authorization", "Proxy-Authorization", "WWW-Authenticate",
                "Proxy-Authenticate", "In-Reply-To", "Reply-To", "Error-Info", "Alert-Info", "Call-Info",
                "MIME-Version", "Content-Disposition", "Content-Language", "Min-Expires", "RSeq", "RAck",
                "Path", "Identity", "Identity-Info", "Accept-Contact", "Reject-Contact",
                "Request-Disposition", "Privacy", "P-Asserted-Identity"}) {
            CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
        }
        String[][] compact = {{"i", CALL_ID}, {"m", CONTACT}, {"e", CONTENT_ENCODING}, {"l", CONTENT_LENGTH},
            {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
            {"o", EVENT}, {"u", "Allow-Events"}, {"r", REFER_TO}, {"b", "Referred-By"}, {"x", SESSION_EXPIRES},
            {"a", "Accept-Contact"}, {"j", "Reject-Contact"}, {"d", "Request-Disposition"}, {"y", "Identity"},
            {"n", "Identity-Info"}};
        for (String[] c : compact) {
            CANONICAL.put(c[0], c[1]);
        }
    }

    /** Headers whose values are comma-separated lists (RFC 3261 §7.3.1). */
    private static final Set<String> LIST_VALUED = Set.of(VIA, CONTACT, ROUTE, RECORD_ROUTE, REQUIRE,
            PROXY_REQUIRE, SUPPORTED, UNSUPPORTED, ALLOW, ACCEPT, "Accept-Encoding", "Accept-Language",
            "Allow-Events", CONTENT_ENCODING, REASON, WARNING, "In-Reply-To", "Path", "Content-Language",
            "Error-Info", "Alert-Info", "Call-Info", "Accept-Contact", "Reject-Contact", "Privacy",
            "P-Asserted-Identity");

    /** Headers that may appear at most once (RFC 3261 §20 and RFC 4475 §3.3.8/§3.3.9). */
    static final List<String> SINGLE_VALUED = List.of(CSEQ, CALL_ID, FROM, TO, MAX_FORWARDS,
            CONTENT_LENGTH, CONTENT_TYPE, EXPIRES, REFER_TO, SESSION_EXPIRES, EVENT, RETRY_AFTER);

    private SipHeaderNames() {
    }

    /** Canonical spelling for known names and compact forms; other names unchanged. */
    static String canonical(String name) {
        String c = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return c != null ? c : name;
    }

    static boolean isList(String canonicalName) {
        return LIST_VALUED.contains(canonicalName);
    }
}

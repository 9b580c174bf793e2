package org.audiostream.call.sip;

import java.util.regex.Pattern;

/**
 * Parses the Request-Line ({@code Method SP Request-URI SP SIP-Version}) and Status-Line
 * ({@code SIP-Version SP Status-Code SP Reason-Phrase}) of RFC 3261 §7.1/§7.2 with exactly one SP
 * between elements (RFC 4475 §3.1.2.8–§3.1.2.10). Never throws: a bad line yields a best-effort
 * message carrying the failure, so the UAS can still answer 400/505.
 * Threads: stateless; any thread.
 */
final class SipStartLineParser {

    private static final Pattern VERSION = Pattern.compile("(?i)SIP/[0-9]+\\.[0-9]+");

    private SipStartLineParser() {
    }

    static SipMessage parse(String line) {
        return line.regionMatches(true, 0, "SIP/", 0, 4) ? statusLine(line) : requestLine(line);
    }

    private static SipMessage requestLine(String line) {
        int sp1 = line.indexOf(' ');
        int sp2 = line.lastIndexOf(' ');
        String method = sp1 > 0 ? line.substring(0, sp1) : "";
        if (sp1 <= 0 || sp2 <= sp1 + 1 || !SipScanner.isToken(method)) {
            return failed(new SipRequest(SipScanner.isToken(method) ? method : "", null),
                    SipFailureReason.START_LINE_MALFORMED,
                    "Request-Line is not 'Method SP Request-URI SP SIP-Version': '" + abbreviate(line) + "'", 0);
        }
        String uriText = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        for (int i = 0; i < uriText.length(); i++) {
            if (uriText.charAt(i) == ' ' || uriText.charAt(i) == '\t') {
                return failed(new SipRequest(method, null), SipFailureReason.START_LINE_MALFORMED,
                        "Request-Line has extra whitespace (RFC 3261 §7.1: one SP between elements): '"
                                + abbreviate(line) + "'",
                        sp1 + 1 + i);
            }
        }
        SipParseFailure versionFailure = checkVersion(version, sp2 + 1);
        if (versionFailure != null) {
            return failed(new SipRequest(method, null), versionFailure.reason(), versionFailure.detail(),
                    versionFailure.offset());
        }
        try {
            return new SipRequest(method, SipUriParser.parse(uriText, SipFailureReason.REQUEST_URI_INVALID));
        } catch (SipParseException e) {
            SipParseFailure f = e.failureAt(sp1 + 1);
            return failed(new SipRequest(method, null), f.reason(), f.detail(), f.offset());
        }
    }

    private static SipMessage statusLine(String line) {
        int sp1 = line.indexOf(' ');
        String version = sp1 < 0 ? line : line.substring(0, sp1);
        SipParseFailure versionFailure = checkVersion(version, 0);
        if (versionFailure != null) {
            return failed(new SipResponse(0, ""), versionFailure.reason(), versionFailure.detail(), 0);
        }
        int sp2 = line.indexOf(' ', sp1 + 1);
        String code = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= '0' && c <= '9')
                || code.charAt(0) < '1' || code.charAt(0) > '6') {
            return failed(new SipResponse(0, ""), SipFailureReason.STATUS_CODE_INVALID,
                    "Status-Code=" + abbreviate(code) + " is not three digits in 100..699", sp1 + 1);
        }
        return new SipResponse(Integer.parseInt(code), sp2 < 0 ? "" : line.substring(sp2 + 1));
    }

    private static SipParseFailure checkVersion(String version, int offset) {
        if (version.equalsIgnoreCase("SIP/2.0")) {
            return null;
        }
        if (VERSION.matcher(version).matches()) {
            return new SipParseFailure(SipFailureReason.VERSION_UNSUPPORTED,
                    "SIP-Version=" + version + " is not SIP/2.0", offset);
        }
        return new SipParseFailure(SipFailureReason.START_LINE_MALFORMED,
                "bad SIP-Version '" + abbreviate(version) + "'", offset);
    }

    private static SipMessage failed(SipMessage m, SipFailureReason reason, String detail, int offset) {
        m.failure(new SipParseFailure(reason, detail, offset));
        return m;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

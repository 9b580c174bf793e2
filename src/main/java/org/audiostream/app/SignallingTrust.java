package org.audiostream.app;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.audiostream.call.sip.SipCall;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.config.AddressList;
import org.audiostream.config.Schema;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * Whose INVITEs may carry per-call control: the {@code X-AUDIO_STREAM_*} variable headers (and their
 * {@code X-STREAM_*}, {@code X-AI_*} aliases), {@code X-AUDIO_STREAM_START} and {@code X-AUDIO_STREAM_START_AI}.
 * Only a source in {@code sip.trusted_sources} (the PBX or proxy in front of the gateway) may; from anyone else the headers
 * are ignored, the call is still answered and follows the routing rules, and the refusal is counted
 * ({@link SecurityEvent#UNTRUSTED_SIGNALLING}) and logged at most once per {@value #LOG_INTERVAL_SECONDS} s.
 *
 * <p>Threads: called on the SIP event loop; the rate-limited log is thread-safe.
 */
final class SignallingTrust {

    private static final Log LOG = Log.of(Component.SIP);
    /** Per-call variables are logged with the rest of the call's set-up (a refused value: CallSessions). */
    private static final Log VARIABLES = Log.of(Component.LIFECYCLE);
    static final int LOG_INTERVAL_SECONDS = 5;
    /** Header prefix of per-call variables: {@code X-AUDIO_STREAM_INJECT_BUFFER_MS}, {@code X-STREAM_…}, {@code X-AI_…}. */
    private static final String VARIABLE_HEADER_PREFIX = "X-";
    static final String START_HEADER = "X-AUDIO_STREAM_START";
    /** Starts AI mode on answer: empty, or the JSON object of variables {@code start_ai} takes. */
    static final String START_AI_HEADER = "X-AUDIO_STREAM_START_AI";
    private static final String PRIMARY_HEADER_PREFIX = "X-AUDIO_STREAM_";

    private final AddressList trusted;
    private final Schema schema;
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    SignallingTrust(AddressList trusted, Schema schema) {
        this.trusted = trusted;
        this.schema = schema;
    }

    /** Whether {@code call}'s INVITE came from a trusted source. */
    boolean trusts(SipCall call) {
        InetSocketAddress from = call.remoteSignalingAddress();
        return from != null && trusted.contains(from.getAddress());
    }

    /**
     * The call's per-call variables from its headers (names upper-cased, prefix removed), or none when the
     * source is not trusted; then any control header it carried is reported.
     */
    Map<String, String> variables(String uuid, SipCall call, boolean callTrusted) {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (SipHeader h : call.inviteHeaders()) {
            String name = h.name();
            boolean start = name.equalsIgnoreCase(START_HEADER) || name.equalsIgnoreCase(START_AI_HEADER);
            boolean variable = !start && isVariable(name);
            boolean primary = name.regionMatches(true, 0, PRIMARY_HEADER_PREFIX, 0, PRIMARY_HEADER_PREFIX.length());
            if (!start && !variable && !primary) {
                continue;
            }
            if (!callTrusted) {
                ignored.add(name);
            } else if (variable) {
                variables.put(name.substring(2).toUpperCase(Locale.ROOT), h.value());
            } else if (!start) {
                VARIABLES.warn(uuid, "call_variables", "unknown", "header", name, "detail", "no such variable; ignored (typo?)");
            }
        }
        if (!ignored.isEmpty()) {
            SecurityEvent.UNTRUSTED_SIGNALLING.count();
            long suppressed = refusedLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "call_control", "ignored", "reason", "source not in sip.trusted_sources", "source",
                        call.remoteSignalingAddress(), "headers", String.join(",", ignored), "suppressed", suppressed);
            }
        }
        return variables;
    }

    private boolean isVariable(String headerName) {
        return headerName.regionMatches(true, 0, VARIABLE_HEADER_PREFIX, 0, 2) && headerName.length() > 2
                && schema.byName(headerName.substring(2)).isPresent();
    }
}

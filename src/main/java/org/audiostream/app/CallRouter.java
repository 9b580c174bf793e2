package org.audiostream.app;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.audiostream.call.sip.SipCall;
import org.audiostream.config.RoutingRule;
import org.audiostream.config.RoutingRules;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Decides what an answered call does: the call's own {@code X-AUDIO_STREAM_START} header if it came
 * from a trusted signalling source (the same arguments as the API's {@code start}, so a FreeSWITCH
 * bridge can set {@code sip_h_X-AUDIO_STREAM_START=…}), else the first matching routing rule, else
 * park and wait for an API {@code start}.
 *
 * <p>Threads: called on the SIP event loop; stateless apart from the immutable rules.
 */
final class CallRouter {

    private static final Log LOG = Log.of(Component.LIFECYCLE);

    private final RoutingRules rules;
    /** Starts WS streaming: (uuid, start arguments) -> the API reply line. */
    private final BiFunction<String, String, String> startStream;

    CallRouter(RoutingRules rules, BiFunction<String, String, String> startStream) {
        this.rules = rules;
        this.startStream = startStream;
    }

    /** Variables of the rule this call matches, applied below its own headers. */
    Map<String, String> variablesFor(SipCall call) {
        return match(call).map(RoutingRule::variables).orElse(Map.of());
    }

    void onAnswered(CallSessions.ActiveCall call) {
        String uuid = call.session().uuid();
        String header = call.trusted() ? call.sip().inviteHeaders().first(SignallingTrust.START_HEADER) : null;
        if (header != null) {
            start(uuid, header, SignallingTrust.START_HEADER);
            return;
        }
        Optional<RoutingRule> rule = match(call.sip());
        if (rule.isPresent() && rule.get().action() == RoutingRule.Action.WS) {
            start(uuid, rule.get().startArgs(), "routing " + rule.get().name());
        } else {
            LOG.notice(uuid, "route", "parked", "rule", rule.map(RoutingRule::name).orElse("default"));
        }
    }

    private void start(String uuid, String args, String via) {
        String reply = startStream.apply(uuid, args);
        if (reply.startsWith("+OK")) {
            LOG.notice(uuid, "route", "streaming", "via", via);
        } else {
            LOG.error(uuid, "route", "start_failed", "via", via, "reply", reply);
        }
    }

    private Optional<RoutingRule> match(SipCall call) {
        return rules.match(call.requestUser(), name -> call.inviteHeaders().first(name));
    }
}

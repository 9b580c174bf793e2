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
 * Decides what an answered call does: the call's own {@code X-AUDIO_STREAM_START} header (the same
 * arguments as the API's {@code start}, so a FreeSWITCH bridge can set
 * {@code sip_h_X-AUDIO_STREAM_START=…}) or {@code X-AUDIO_STREAM_START_AI} header (empty, or the JSON
 * object {@code start_ai} takes) if it came from a trusted signalling source, else the first matching
 * routing rule, else park and wait for an API {@code start}.
 *
 * <p>Threads: called on the SIP event loop; stateless apart from the immutable rules.
 */
final class CallRouter {

    private static final Log LOG = Log.of(Component.LIFECYCLE);

    private final RoutingRules rules;
    /** Runs an API subcommand: (uuid, "start …" or "start_ai …") -> the API reply line. */
    private final BiFunction<String, String, String> command;

    CallRouter(RoutingRules rules, BiFunction<String, String, String> command) {
        this.rules = rules;
        this.command = command;
    }

    /** Variables of the rule this call matches, applied below its own headers. */
    Map<String, String> variablesFor(SipCall call) {
        return match(call).map(RoutingRule::variables).orElse(Map.of());
    }

    void onAnswered(CallSessions.ActiveCall call) {
        String uuid = call.session().uuid();
        String header = call.trusted() ? call.sip().inviteHeaders().first(SignallingTrust.START_HEADER) : null;
        if (header != null) {
            run(uuid, "start " + header, SignallingTrust.START_HEADER);
            return;
        }
        String aiHeader = call.trusted() ? call.sip().inviteHeaders().first(SignallingTrust.START_AI_HEADER) : null;
        if (aiHeader != null) {
            run(uuid, aiHeader.isBlank() ? "start_ai" : "start_ai " + aiHeader, SignallingTrust.START_AI_HEADER);
            return;
        }
        Optional<RoutingRule> rule = match(call.sip());
        if (rule.isPresent() && rule.get().action() == RoutingRule.Action.WS) {
            run(uuid, "start " + rule.get().startArgs(), "routing " + rule.get().name());
        } else if (rule.isPresent() && rule.get().action() == RoutingRule.Action.AI) {
            run(uuid, "start_ai", "routing " + rule.get().name());
        } else {
            LOG.notice(uuid, "route", "parked", "rule", rule.map(RoutingRule::name).orElse("default"));
        }
    }

    private void run(String uuid, String subcommand, String via) {
        String reply = command.apply(uuid, subcommand);
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

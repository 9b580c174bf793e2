package org.audiostream.config;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a call does when it is answered, if it matches: the first rule whose request-URI user
 * pattern and header condition both match wins; a call no rule matches is parked.
 *
 * @param name         for logs ("rule 2" when the file gives none)
 * @param user         regex the request-URI user must contain a match for, or null for any
 * @param header       header that must be present, or null for none
 * @param headerValue  regex its value must contain a match for, or null for any value
 * @param action       park, start WS streaming, or start AI mode (with the rule's variables)
 * @param startArgs    for {@code ws}: {@code <ws-url> <mono|mixed|stereo> [rate] [metadata…]}, as in the API
 * @param variables    per-call variables to apply (below SIP headers in precedence); the file's
 *                     {@code protocol:} field arrives here as {@code AUDIO_STREAM_PROTOCOL}
 */
public record RoutingRule(String name, Pattern user, String header, Pattern headerValue, Action action,
                          String startArgs, Map<String, String> variables) {

    public enum Action { PARK, WS, AI }

    public RoutingRule {
        variables = Map.copyOf(variables);
    }

    /** @param headerLookup the call's header value by name, null when absent */
    public boolean matches(String requestUser, Function<String, String> headerLookup) {
        if (user != null && !user.matcher(requestUser).find()) {
            return false;
        }
        if (header == null) {
            return true;
        }
        String value = headerLookup.apply(header);
        return value != null && (headerValue == null || headerValue.matcher(value).find());
    }
}

package org.audiostream.stream.ws;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Twilio Media Streams app learns about its stream in the {@code start} message: the SIDs, the tracks
 * and the custom parameters. There is no Twilio account behind the gateway, so the SIDs are made up in
 * Twilio's shape (two letters and 32 hex digits): {@code streamSid} is new for every stream, {@code callSid}
 * is the session uuid's hex (so logs and the app's records correlate), {@code accountSid} is all zeros.
 * Threads: immutable.
 *
 * @param streamSid {@code MZ…}
 * @param callSid {@code CA…}
 * @param accountSid {@code AC…}
 * @param tracks {@code ["inbound"]} or {@code ["inbound", "outbound"]}
 * @param customParametersJson a compact JSON object: {@code start}'s metadata, or {@code {}}
 */
record TwilioStream(String streamSid, String callSid, String accountSid, List<String> tracks,
                    String customParametersJson) {

    static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    TwilioStream {
        Objects.requireNonNull(streamSid, "streamSid");
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(accountSid, "accountSid");
        tracks = List.copyOf(tracks);
        Objects.requireNonNull(customParametersJson, "customParametersJson");
    }

    /**
     * A new stream of session {@code sessionUuid}.
     *
     * @param tracks 1 (inbound) or 2 (inbound and outbound)
     * @param metadata {@code start}'s metadata, a JSON object, or {@code null}
     * @throws IllegalArgumentException if the metadata is not a JSON object
     */
    static TwilioStream create(String sessionUuid, int tracks, String metadata) {
        return new TwilioStream("MZ" + hex32(UUID.randomUUID()), "CA" + callHex(sessionUuid), ACCOUNT_SID,
                tracks == 2 ? List.of("inbound", "outbound") : List.of("inbound"), customParameters(metadata));
    }

    private static String callHex(String sessionUuid) {
        String hex = sessionUuid.replace("-", "").toLowerCase(Locale.ROOT);
        return HEX32.matcher(hex).matches() ? hex
                : hex32(UUID.nameUUIDFromBytes(sessionUuid.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex32(UUID id) {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(id.getMostSignificantBits()) + hex.toHexDigits(id.getLeastSignificantBits());
    }

    private static String customParameters(String metadata) {
        if (metadata == null) {
            return "{}";
        }
        JsonNode node;
        try {
            node = JSON.readTree(metadata);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the twilio protocol sends start's metadata as the start message's"
                    + " customParameters, so it must be a JSON object; got " + abbreviate(metadata));
        }
        return JSON.writeValueAsString(node);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? "\"" + s + "\"" : "\"" + s.substring(0, 64) + "...\"";
    }
}

package org.audiostream.fakes.realtime;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * What the live service checks once the WebSocket is up (it answers 101 even to a bad key or model, then sends
 * one {@code error} and closes in the same millisecond, capture 2026-09-18), in this order: the bearer key
 * (close 3000), the beta header (close 4000), the model (close 4000). The close reason is
 * {@code <error.type>.<error.code>}, or the type alone when the code is null.
 *
 * <p>Threads: stateless.
 */
final class HandshakeCheck {

    static final int CLOSE_AUTH = 3000;
    static final int CLOSE_REQUEST = 4000;

    /** Why the connection is refused: the error event's fields and the close code. */
    record Failure(String code, String message, int closeCode) {
        String closeReason() {
            return code == null ? ProtocolError.INVALID_REQUEST : ProtocolError.INVALID_REQUEST + "." + code;
        }
    }

    private HandshakeCheck() {}

    /** The model named by {@code ?model=}, or null. */
    static String model(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("model");
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst();
    }

    /** @return the failure, or null when the connection may go on */
    static Failure check(String uri, HttpHeaders headers, FakeRealtimeConfig config) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return new Failure(null, "Missing bearer or basic authentication in header", CLOSE_AUTH);
        }
        String key = authorization.substring(7).strip();
        if (config.apiKey() != null && !config.apiKey().equals(key)) {
            return new Failure("invalid_api_key", "Incorrect API key provided: " + masked(key)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.", CLOSE_AUTH);
        }
        String beta = headers.get("OpenAI-Beta");
        if (beta != null && beta.contains("realtime=v1")) {
            return new Failure("beta_api_shape_disabled", "The Realtime API beta shape is no longer supported. "
                    + "Remove the 'OpenAI-Beta: realtime=v1' header and use the GA interface.", CLOSE_REQUEST);
        }
        String model = model(uri);
        if (model == null) {
            return new Failure("missing_model", "You must provide a model parameter, for example "
                    + "wss://api.openai.com/v1/realtime?model=gpt-realtime-1.5", CLOSE_REQUEST);
        }
        if (!config.acceptsModel(model)) {
            return new Failure("invalid_model", "Model \"" + model + "\" is not supported in realtime mode.",
                    CLOSE_REQUEST);
        }
        return null;
    }

    /** The service echoes a masked key: a prefix, stars, the last four characters. */
    static String masked(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 4) + "*".repeat(Math.min(20, key.length() - 8)) + key.substring(key.length() - 4);
    }
}

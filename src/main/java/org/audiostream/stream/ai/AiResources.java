package org.audiostream.stream.ai;

import java.util.Objects;
import org.audiostream.stream.ws.WsClientResources;

/**
 * What every AI session of the process shares: the WebSocket event loops, resolver and TLS contexts (those of
 * WS streaming) with the Realtime endpoint's own breaker registry, the AI counters, and the maker of the
 * sentence-TTS sinks (whose cache and HTTP client are shared too). Threads: immutable.
 *
 * @param ws the WS client resources whose breakers are the Realtime reconnect breakers (seed §4.3)
 */
public record AiResources(WsClientResources ws, AiCounters counters, TextSinkFactory textSinks) {

    public AiResources {
        Objects.requireNonNull(ws, "ws");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(textSinks, "textSinks");
    }
}

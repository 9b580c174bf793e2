package org.audiostream.call.sip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The UAS's calls: by dialog key for in-dialog requests, by uuid for the session layer, and the
 * live-call count used for admission control. A call stays reachable by dialog after it ended
 * until its last in-dialog transaction (our BYE) is done.
 * Threads: the dialog map is confined to the SIP event loop; {@link #byUuid} and
 * {@link #live} may be read from any thread.
 */
final class CallRegistry {

    private final Map<String, UasCall> byDialog = new HashMap<>();
    private final Map<UUID, UasCall> byUuid = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();

    void add(UasCall call) {
        byDialog.put(call.dialog.key(), call);
        byUuid.put(call.uuid(), call);
        live.incrementAndGet();
    }

    UasCall find(SipRequest inDialog) {
        return byDialog.get(SipDialog.keyOf(inDialog));
    }

    UasCall byUuid(UUID uuid) {
        return byUuid.get(uuid);
    }

    /** The call ended (called once per call). */
    void ended(UasCall call) {
        live.decrementAndGet();
        byUuid.remove(call.uuid(), call);
    }

    /** Nothing more will happen in the call's dialog. */
    void remove(UasCall call) {
        byDialog.remove(call.dialog.key(), call);
    }

    /** Whether a tracked dialog sends its requests over {@code connection}. */
    boolean usesFlow(io.netty.channel.Channel connection) {
        for (UasCall c : byDialog.values()) {
            if (c.dialog.flowChannel == connection) {
                return true;
            }
        }
        return false;
    }

    int live() {
        return live.get();
    }

    int dialogs() {
        return byDialog.size();
    }

    List<UasCall> all() {
        return new ArrayList<>(byDialog.values());
    }
}

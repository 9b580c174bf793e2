package org.audiostream.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.app.demo.DemoCallResult;
import org.audiostream.app.demo.DemoCaller;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.event.Event;

/**
 * One real call into a {@link GatewayHarness}: the demo caller (SIP over UDP, PCMU RTP) runs on its own
 * thread, says {@code prompt} and then silence, and records what the gateway plays to it, until the test
 * {@linkplain #hangUp hangs up}. {@link #place} returns once the call is answered, with the gateway's
 * session uuid, found by the unique request-URI user in the {@code call::created} event.
 *
 * <p>Threads: a platform thread per call runs the caller; it has ended when {@link #hangUp} or
 * {@link #close} returns.
 */
final class TestCall implements AutoCloseable {

    /** The longest a test call may last; tests hang up long before. */
    private static final Duration MAX_LENGTH = Duration.ofSeconds(60);
    private static final Duration SETUP = Duration.ofSeconds(10);
    private static final AtomicInteger USERS = new AtomicInteger();

    private final String user;
    private final String uuid;
    private final AtomicBoolean keepCalling;
    private final CompletableFuture<DemoCallResult> result;

    private TestCall(String user, String uuid, AtomicBoolean keepCalling, CompletableFuture<DemoCallResult> result) {
        this.user = user;
        this.uuid = uuid;
        this.keepCalling = keepCalling;
        this.result = result;
    }

    /** A call with no extra headers whose caller stays silent. */
    static TestCall place(GatewayHarness gw, String userPrefix) {
        return place(gw, userPrefix, Map.of(), new short[0]);
    }

    /**
     * Places a call to {@code sip:<userPrefix>-<n>@gateway} with {@code headers} on the INVITE (e.g.
     * {@code X-AUDIO_STREAM_RTP_PACKETS}) and returns once it is answered.
     *
     * @param prompt what the caller says first, 8 kHz; silence follows
     */
    static TestCall place(GatewayHarness gw, String userPrefix, Map<String, String> headers, short[] prompt) {
        String user = userPrefix + "-" + USERS.incrementAndGet();
        List<SipHeader> sipHeaders = headers.entrySet().stream().map(e -> new SipHeader(e.getKey(), e.getValue())).toList();
        Duration silence = MAX_LENGTH.minusMillis(prompt.length / 8);
        DemoCaller.Settings settings = new DemoCaller.Settings(gw.sipAddress(), user, sipHeaders, prompt, silence,
                SipTimers.DEFAULT);
        AtomicBoolean keepCalling = new AtomicBoolean(true);
        CompletableFuture<DemoCallResult> result = new CompletableFuture<>();
        Thread.ofPlatform().name("test-caller-" + user).start(() -> {
            try {
                result.complete(DemoCaller.call(settings, keepCalling::get, callId -> { }));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        String uuid;
        try {
            Event created = gw.awaitEvent(e -> e.subclass().equals("call::created")
                    && e.body().contains("\"callee\":\"sip:" + user + "@"), SETUP);
            uuid = created.sessionUuid();
            gw.awaitEvent(e -> e.subclass().equals("call::answered") && uuid.equals(e.sessionUuid()), SETUP);
        } catch (RuntimeException e) {
            keepCalling.set(false);
            try {
                result.get(SETUP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException callFailed) {
                e.addSuppressed(callFailed.getCause());   // the caller's own failure says more
            } catch (TimeoutException | InterruptedException stuck) {
                e.addSuppressed(stuck);
            }
            throw e;
        }
        return new TestCall(user, uuid, keepCalling, result);
    }

    /** The gateway's session uuid of this call. */
    String uuid() {
        return uuid;
    }

    /** The request-URI user the call was placed to. */
    String user() {
        return user;
    }

    /** Whether the caller is still in the call. */
    boolean inCall() {
        return !result.isDone();
    }

    /** Ends the call (the caller sends BYE after its current frame) and returns what it did. */
    DemoCallResult hangUp() {
        keepCalling.set(false);
        try {
            return result.get(SETUP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("call " + user + " (" + uuid + ") failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("call " + user + " (" + uuid + ") did not end within " + SETUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while hanging up " + user, e);
        }
    }

    /** Hangs up if the test did not. */
    @Override
    public void close() {
        if (!result.isDone() || keepCalling.get()) {
            hangUp();
        }
    }
}

package org.audiostream.call.sip;

import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Entry point for every decoded message, in the order of RFC 3261 §8.2: invalid messages get
 * 400/505 when a response can be formed (top Via and CSeq parse) and are dropped otherwise;
 * responses go to our client transactions; requests get received/rport stamped, are matched to
 * transactions (retransmissions absorbed, ACK/CANCEL to their INVITE), then method inspection
 * (405/501), Request-URI scheme (416), merged requests (482), Require (420), dialog matching
 * (481) and the method handlers. Invalid messages are counted, and logged at most once per
 * {@value #INVALID_LOG_INTERVAL_SECONDS} s each for requests and responses.
 * Threads: SIP event loop.
 */
final class UasDispatcher {

    private static final Log LOG = Log.of(Component.SIP);
    static final int INVALID_LOG_INTERVAL_SECONDS = 5;
    private static final Set<String> ALLOWED = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "REFER",
            "NOTIFY");
    private static final Set<String> KNOWN_NOT_ALLOWED = Set.of("REGISTER", "INFO", "MESSAGE", "SUBSCRIBE",
            "PUBLISH", "PRACK");
    private static final Set<String> SUPPORTED = Set.of(UasResponses.SUPPORTED_OPTIONS.split(", *"));

    private final UasContext ctx;
    private final InviteHandler invites;
    private final InDialogHandler inDialog;
    private final RateLimitedLog invalidRequestLog = new RateLimitedLog(INVALID_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
    private final RateLimitedLog invalidResponseLog = new RateLimitedLog(INVALID_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    UasDispatcher(UasContext ctx) {
        this.ctx = ctx;
        this.invites = new InviteHandler(ctx);
        this.inDialog = new InDialogHandler(ctx);
    }

    void onMessage(InboundSip in) {
        if (in.message() instanceof SipResponse response) {
            onResponse(in, response);
            return;
        }
        SipRequest request = (SipRequest) in.message();
        ctx.counters.request(request.method());
        if (!request.isValid()) {
            onInvalid(in, request);
            return;
        }
        ResponseRouting.stampVia(request, in);
        if (request.isMethod("ACK")) {
            onAck(request);
            return;
        }
        ServerTransaction existing = ctx.transactions.find(request);
        if (existing != null) {
            existing.onRetransmission();
            return;
        }
        SipDestination destination = ResponseRouting.destination(request, in, ctx.config.forceRport());
        ServerTransaction st = request.isMethod("INVITE")
                ? new InviteServerTransaction(ctx, request, destination)
                : new NonInviteServerTransaction(ctx, request, destination);
        boolean merged = ctx.transactions.isMerged(request);
        ctx.transactions.add(st);
        if (merged) {
            st.respond(UasResponses.of(ctx, request, 482, SipIds.tag()));  // RFC 3261 §8.2.2.2
        } else if (request.isMethod("CANCEL")) {
            onCancel(request, st);
        } else {
            route(in, request, st);
        }
    }

    private void route(InboundSip in, SipRequest request, ServerTransaction st) {
        String method = request.method();
        String toTag = request.to().tag();
        String tag = toTag != null ? toTag : SipIds.tag();
        if (!ALLOWED.contains(method)) {
            int status = KNOWN_NOT_ALLOWED.contains(method) ? 405 : 501;
            st.respond(UasResponses.capabilities(UasResponses.of(ctx, request, status, tag)));
            return;
        }
        if (!(request.requestUri() instanceof SipUri)) {
            SipResponse r = UasResponses.withWarning(ctx, request, 416, tag, 399,
                    "Request-URI scheme " + request.requestUri().scheme() + " not supported; we accept [sip, sips]");
            st.respond(r);
            return;
        }
        List<String> unsupported = new ArrayList<>(request.tokens(SipHeaderNames.REQUIRE));
        unsupported.removeIf(SUPPORTED::contains);
        if (!unsupported.isEmpty()) {
            SipResponse r = UasResponses.of(ctx, request, 420, tag);
            r.headers().add(SipHeaderNames.UNSUPPORTED, String.join(", ", unsupported));
            st.respond(r);
            return;
        }
        if (toTag != null) {
            UasCall call = ctx.calls.find(request);
            if (call == null) {
                st.respond(UasResponses.of(ctx, request, 481, tag));
            } else {
                inDialog.handle(request, st, call);
            }
            return;
        }
        switch (method) {
            case "INVITE" -> invites.handle(in, request, (InviteServerTransaction) st);
            case "OPTIONS" -> options(request, st, tag);
            default -> st.respond(UasResponses.withWarning(ctx, request, 481, tag, 399, method + " outside a dialog"));
        }
    }

    private void options(SipRequest request, ServerTransaction st, String tag) {
        if (ctx.admissionRefusal() != null) {
            st.respond(UasResponses.retryAfter(UasResponses.of(ctx, request, 503, tag), ctx.config.retryAfterSeconds()));
        } else {
            st.respond(UasResponses.capabilities(UasResponses.of(ctx, request, 200, tag)));
        }
    }

    private void onAck(SipRequest ack) {
        InviteServerTransaction ist = ctx.transactions.findInvite(ack);
        if (ist != null && !ist.awaitingAck() && ist.finalSent() && !ist.lastResponse.isSuccess()) {
            ist.onAck();  // ACK for our 3xx-6xx: same transaction (RFC 3261 §17.2.1)
            return;
        }
        UasCall call = ctx.calls.find(ack);
        if (call != null) {
            call.onAck(ack);
        } else {
            ctx.counters.drop();
        }
    }

    private void onCancel(SipRequest cancel, ServerTransaction st) {
        InviteServerTransaction ist = ctx.transactions.findInvite(cancel);
        if (ist == null) {
            st.respond(UasResponses.of(ctx, cancel, 481, SipIds.tag()));
            return;
        }
        String tag = ist.lastResponse != null && ist.lastResponse.to() != null && ist.lastResponse.to().tag() != null
                ? ist.lastResponse.to().tag() : SipIds.tag();
        st.respond(UasResponses.of(ctx, cancel, 200, tag));
        ist.cancelled();
    }

    private void onResponse(InboundSip in, SipResponse response) {
        if (!response.isValid()) {
            ctx.counters.invalid(response.failure().reason());
            ctx.counters.drop();
            long suppressed = invalidResponseLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(null, "response", "dropped", "reason", response.failure().reason(), "detail",
                        response.failure().describe(), "remote", in.remote(), "suppressed", suppressed);
            }
            return;
        }
        NonInviteClientTransaction t = ctx.transactions.findClient(response);
        if (t != null) {
            t.onResponse(response);
        } else {
            ctx.counters.drop();  // stray response: nothing of ours to match
        }
    }

    private void onInvalid(InboundSip in, SipRequest request) {
        SipParseFailure f = request.failure();
        ctx.counters.invalid(f.reason());
        long suppressed = invalidRequestLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(null, "request", "rejected", "reason", f.reason(), "detail", f.describe(), "remote", in.remote(),
                    "suppressed", suppressed);
        }
        if (!request.isMethod("ACK") && respondable(request)) {
            ResponseRouting.stampVia(request, in);
            SipResponse r = SipResponses.create(request, f.reason().statusCode(), f.reason().phrase(), SipIds.tag(), ctx.config);
            SipResponses.warning(r, 399, ctx.config, f.describe());
            ctx.sender.send(r, ResponseRouting.destination(request, in, ctx.config.forceRport()), null);
            ctx.counters.responseSent(r.status());
        } else {
            ctx.counters.drop();
        }
        if (in.closeAfterResponse()) {
            in.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A response needs a method, a top Via to route it and a CSeq to match it (RFC 3261 §8.2.6). */
    private static boolean respondable(SipRequest request) {
        try {
            return !request.method().isEmpty() && request.topVia() != null && request.cseq() != null;
        } catch (SipParseException e) {
            return false;
        }
    }
}

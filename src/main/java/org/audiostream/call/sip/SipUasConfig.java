package org.audiostream.call.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Settings of one {@link SipUas}. Build with {@link #builder()}; {@link Builder#build()} checks
 * every field and reports all problems at once.
 * Threads: immutable; any thread.
 *
 * @param bindHost IP address the UDP and TCP listeners bind to (default 127.0.0.1)
 * @param port listening port for both, 0 for an ephemeral port (default 5060)
 * @param udp whether to listen on UDP
 * @param tcp whether to listen on TCP
 * @param advertisedHost host put in Via/Contact; defaults to {@code bindHost} (required when binding 0.0.0.0)
 * @param timers T1/T2/T4
 * @param limits header/body size caps
 * @param maxSessions admission cap: INVITE and OPTIONS get 503 at this many live calls
 * @param retryAfterSeconds Retry-After on 503 while draining or at the cap
 * @param sendRinging send 180 Ringing before answering
 * @param answerDelay time between 180 and 200 (0 answers at once)
 * @param minSessionExpiresSeconds Min-SE we accept (RFC 4028 §5, at least 90)
 * @param forceRport answer every request at its source address and port, as if it carried
 *     {@code rport} (RFC 3581); for peers behind NAT that do not ask for it
 * @param tcpIdleTimeout close TCP connections idle this long
 * @param tcpMaxConnections TCP connections accepted at once; more are closed at once
 * @param tcpMaxConnectionsPerSource TCP connections one source address may hold
 * @param tcpMessageTimeout a message on TCP must be complete this long after its first byte
 * @param inviteRate new INVITEs per second one untrusted source address may send (bursts of twice that)
 * @param trustedSource signalling sources exempt from {@code inviteRate} (the PBX or proxy in front of us)
 * @param shutdownTimeout how long {@link SipUas#close()} waits for the BYEs it sends
 * @param userAgent value of our Server and User-Agent headers
 */
public record SipUasConfig(String bindHost, int port, boolean udp, boolean tcp, String advertisedHost, SipTimers timers,
                           SipLimits limits, int maxSessions, int retryAfterSeconds, boolean sendRinging,
                           Duration answerDelay, int minSessionExpiresSeconds, boolean forceRport,
                           Duration tcpIdleTimeout, int tcpMaxConnections, int tcpMaxConnectionsPerSource,
                           Duration tcpMessageTimeout, int inviteRate, Predicate<InetAddress> trustedSource,
                           Duration shutdownTimeout, String userAgent) {

    public static Builder builder() {
        return new Builder();
    }

    /** Host for Via and Contact. */
    String contactHost() {
        return advertisedHost != null ? advertisedHost : bindHost;
    }

    /** Builder with the defaults of DESIGN §3a. */
    public static final class Builder {
        private String bindHost = "127.0.0.1";
        private int port = 5060;
        private boolean udp = true;
        private boolean tcp = true;
        private String advertisedHost;
        private SipTimers timers = SipTimers.DEFAULT;
        private SipLimits limits = SipLimits.DEFAULT;
        private int maxSessions = 500;
        private int retryAfterSeconds = 30;
        private boolean sendRinging = true;
        private Duration answerDelay = Duration.ZERO;
        private int minSessionExpiresSeconds = 90;
        private boolean forceRport;
        private Duration tcpIdleTimeout = Duration.ofMinutes(5);
        private int tcpMaxConnections = 1024;
        private int tcpMaxConnectionsPerSource = 64;
        private Duration tcpMessageTimeout = Duration.ofSeconds(5);
        private int inviteRate = 10;
        private Predicate<InetAddress> trustedSource = InetAddress::isLoopbackAddress;
        private Duration shutdownTimeout = Duration.ofSeconds(2);
        private String userAgent = "audio-stream";

        private Builder() {
        }

        public Builder bind(String host, int port) {
            this.bindHost = host;
            this.port = port;
            return this;
        }

        public Builder transports(boolean udp, boolean tcp) {
            this.udp = udp;
            this.tcp = tcp;
            return this;
        }

        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        public Builder timers(SipTimers timers) {
            this.timers = timers;
            return this;
        }

        public Builder limits(SipLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        public Builder ringing(boolean sendRinging, Duration answerDelay) {
            this.sendRinging = sendRinging;
            this.answerDelay = answerDelay;
            return this;
        }

        public Builder minSessionExpiresSeconds(int seconds) {
            this.minSessionExpiresSeconds = seconds;
            return this;
        }

        public Builder forceRport(boolean forceRport) {
            this.forceRport = forceRport;
            return this;
        }

        public Builder tcpIdleTimeout(Duration timeout) {
            this.tcpIdleTimeout = timeout;
            return this;
        }

        public Builder tcpConnectionLimits(int total, int perSource) {
            this.tcpMaxConnections = total;
            this.tcpMaxConnectionsPerSource = perSource;
            return this;
        }

        public Builder tcpMessageTimeout(Duration timeout) {
            this.tcpMessageTimeout = timeout;
            return this;
        }

        /** At most {@code perSecond} new INVITEs a second from each source not {@code trusted}. */
        public Builder inviteRate(int perSecond, Predicate<InetAddress> trusted) {
            this.inviteRate = perSecond;
            this.trustedSource = trusted;
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public SipUasConfig build() {
            List<String> problems = new ArrayList<>();
            if (port < 0 || port > 65535) {
                problems.add("sip.port=" + port + " is not in 0..65535");
            }
            if (!udp && !tcp) {
                problems.add("sip transports: neither UDP nor TCP enabled");
            }
            if (advertisedHost == null && (bindHost.equals("0.0.0.0") || bindHost.equals("::"))) {
                problems.add("sip.advertisedHost is required when sip.bind=" + bindHost + " (wildcard)");
            }
            if (maxSessions < 1) {
                problems.add("sip.maxSessions=" + maxSessions + " < 1");
            }
            if (retryAfterSeconds < 0) {
                problems.add("sip.retryAfterSeconds=" + retryAfterSeconds + " < 0");
            }
            if (answerDelay.isNegative()) {
                problems.add("sip.answerDelay=" + answerDelay + " is negative");
            }
            if (tcpMaxConnections < 1 || tcpMaxConnectionsPerSource < 1) {
                problems.add("sip TCP connection limits must be positive: total=" + tcpMaxConnections + ", per source="
                        + tcpMaxConnectionsPerSource);
            }
            if (tcpMessageTimeout.isNegative() || tcpMessageTimeout.isZero()) {
                problems.add("sip.tcpMessageTimeout=" + tcpMessageTimeout + " is not positive");
            }
            if (inviteRate < 1) {
                problems.add("sip.inviteRate=" + inviteRate + " < 1");
            }
            if (minSessionExpiresSeconds < 90) {
                problems.add("sip.minSessionExpires=" + minSessionExpiresSeconds + " < 90 (RFC 4028 §4)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("SIP UAS config invalid: " + String.join("; ", problems));
            }
            return new SipUasConfig(bindHost, port, udp, tcp, advertisedHost, timers, limits, maxSessions,
                    retryAfterSeconds, sendRinging, answerDelay, minSessionExpiresSeconds, forceRport,
                    tcpIdleTimeout, tcpMaxConnections, tcpMaxConnectionsPerSource, tcpMessageTimeout, inviteRate,
                    trustedSource, shutdownTimeout, userAgent);
        }
    }
}

package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RtpPortPoolTest {

    @Test
    void leasesEvenOddPairsLeastRecentlyReleasedFirst() throws IOException {
        RtpPortPool pool = new RtpPortPool(30000, 30005);
        RtpPortPool.Lease a = pool.allocate();
        RtpPortPool.Lease b = pool.allocate();

        assertThat(a.rtpPort()).isEqualTo(30000);
        assertThat(a.rtcpPort()).isEqualTo(30001);
        assertThat(b.rtpPort()).isEqualTo(30002);
        a.close();
        assertThat(pool.allocate().rtpPort()).isEqualTo(30004);
        assertThat(pool.allocate().rtpPort()).isEqualTo(30000);
    }

    /** Issue 14 finding 2: the next call's port must not be guessable from the last one's. */
    @Test
    void aRandomisedPoolLeasesUnpredictablyButLetsAReleasedPairRest() throws IOException {
        RtpPortPool pool = new RtpPortPool(30000, 30199, new SplittableRandom(14)); // 100 pairs
        List<RtpPortPool.Lease> leases = new ArrayList<>();
        int sequential = 0;
        for (int i = 0; i < 50; i++) {
            leases.add(pool.allocate());
            if (i > 0 && leases.get(i).rtpPort() == leases.get(i - 1).rtpPort() + 2) {
                sequential++;
            }
        }
        assertThat(sequential).as("leases that follow the previous one").isLessThan(5);
        assertThat(leases.stream().map(RtpPortPool.Lease::rtpPort).distinct()).hasSize(50);

        RtpPortPool.Lease released = leases.get(0);
        released.close();
        for (int i = 0; i < 45; i++) {
            assertThat(pool.allocate().rtpPort()).as("lease %d after the release", i).isNotEqualTo(released.rtpPort());
        }
        assertThat(pool.freePairs()).isEqualTo(6);
    }

    @Test
    void releaseIsIdempotent() throws IOException {
        RtpPortPool pool = new RtpPortPool(30000, 30003);
        RtpPortPool.Lease lease = pool.allocate();

        lease.close();
        lease.close();

        assertThat(lease.released()).isTrue();
        assertThat(pool.freePairs()).isEqualTo(2);
        assertThat(pool.allocate().rtpPort()).isNotEqualTo(pool.allocate().rtpPort());
    }

    @Test
    void failsClearlyWhenExhausted() throws IOException {
        RtpPortPool pool = new RtpPortPool(30000, 30003);
        pool.allocate();
        pool.allocate();

        assertThatThrownBy(pool::allocate)
                .isInstanceOf(PortPoolExhaustedException.class)
                .hasMessage("RTP port pool exhausted: free=0 of pairs=2 (rtp.ports=30000-30003)");
        assertThatThrownBy(() -> pool.bind(lease -> lease))
                .isInstanceOf(PortPoolExhaustedException.class)
                .hasMessage("RTP port pool exhausted: free=0 of pairs=2 (rtp.ports=30000-30003)");
    }

    @Test
    void skipsAPairThatAnotherProcessHolds() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket squatter = squatterBesideAFreePair(loopback)) {
            int taken = squatter.getLocalPort() & ~1; // the pair holding the squatter's port
            RtpPortPool pool = new RtpPortPool(taken, taken + 3);

            try (BoundPair pair = pool.bind(lease -> BoundPair.open(loopback, lease))) {
                assertThat(pair.lease.rtpPort()).isEqualTo(taken + 2);
                assertThat(pair.rtp.getLocalAddress()).isEqualTo(new InetSocketAddress(loopback, taken + 2));
                assertThat(pool.bindFailures()).isEqualTo(1);
                assertThat(pool.freePairs()).isEqualTo(1);
                assertThatThrownBy(() -> pool.bind(lease -> BoundPair.open(loopback, lease)))
                        .isInstanceOf(PortPoolExhaustedException.class)
                        .hasMessageStartingWith("RTP port pair bind failed: attempts=1 of limit=64 (rtp.ports="
                                + taken + "-" + (taken + 3) + ", free=1, last: " + taken + "/" + (taken + 1) + " ")
                        .hasCauseInstanceOf(BindException.class);
            }
            assertThat(pool.freePairs()).isEqualTo(2);
        }
    }

    /** A socket on an ephemeral port whose next pair is free now (other processes use ephemeral ports too). */
    private static DatagramSocket squatterBesideAFreePair(InetAddress loopback) throws IOException {
        for (int attempt = 0; ; attempt++) {
            DatagramSocket squatter = new DatagramSocket(0, loopback);
            int next = (squatter.getLocalPort() & ~1) + 2;
            try (DatagramSocket rtp = new DatagramSocket(next, loopback);
                 DatagramSocket rtcp = new DatagramSocket(next + 1, loopback)) {
                return squatter;
            } catch (BindException busy) {
                squatter.close();
                if (attempt == 20) {
                    throw busy;
                }
            }
        }
    }

    @Test
    void isFullAgainAfterManyCyclesWithFailuresInBetween() throws Exception {
        RtpPortPool pool = new RtpPortPool(40000, 40019); // 10 pairs
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(threads.submit(() -> {
                    int failures = 0;
                    for (int i = 0; i < 1000; i++) {
                        int cycle = i + seed;
                        try {
                            pool.bind(lease -> {
                                if (cycle % 7 == 0) {
                                    throw new BindException("in use (test)");
                                }
                                if (cycle % 11 == 0) {
                                    throw new IllegalStateException("setup failed (test)");
                                }
                                try (lease) {
                                    if (cycle % 3 == 0) {
                                        throw new IOException("later failure (test)");
                                    }
                                    lease.close(); // early release, then again by try-with-resources
                                }
                                return lease;
                            });
                        } catch (IOException | IllegalStateException e) {
                            failures++;
                        }
                    }
                    return failures;
                }));
            }
            int failures = 0;
            for (Future<Integer> result : results) {
                failures += result.get();
            }
            assertThat(failures).isPositive();
        } finally {
            threads.shutdownNow();
        }

        assertThat(pool.freePairs()).isEqualTo(10);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ports.add(pool.allocate().rtpPort());
        }
        assertThat(ports).hasSize(10);
    }

    @Test
    void parsesAndValidatesTheRange() {
        RtpPortPool pool = RtpPortPool.parse(RtpPortPool.DEFAULT_RANGE);
        assertThat(pool.totalPairs()).isEqualTo(5000);
        assertThat(RtpPortPool.parse("20000-20002").totalPairs()).isEqualTo(1);

        assertThatThrownBy(() -> RtpPortPool.parse("20001-29999"))
                .hasMessage("rtp.ports=20001-29999 must start on an even port (RTP even, RTCP odd)");
        assertThatThrownBy(() -> RtpPortPool.parse("20000-20000"))
                .hasMessage("rtp.ports=20000-20000 gives 0 port pairs; need at least 1");
        assertThatThrownBy(() -> RtpPortPool.parse("30000-20000"))
                .hasMessage("rtp.ports=30000-20000 must be a range within 1-65535");
        assertThatThrownBy(() -> RtpPortPool.parse("20000"))
                .hasMessage("rtp.ports=20000 is not a port range like 20000-29999");
    }

    /** The sockets a leg would open. */
    private record BoundPair(RtpPortPool.Lease lease, DatagramChannel rtp, DatagramChannel rtcp) implements AutoCloseable {

        static BoundPair open(InetAddress address, RtpPortPool.Lease lease) throws IOException {
            DatagramChannel rtp = DatagramChannel.open();
            try {
                rtp.bind(new InetSocketAddress(address, lease.rtpPort()));
                DatagramChannel rtcp = DatagramChannel.open();
                try {
                    rtcp.bind(new InetSocketAddress(address, lease.rtcpPort()));
                } catch (IOException e) {
                    rtcp.close();
                    throw e;
                }
                return new BoundPair(lease, rtp, rtcp);
            } catch (IOException e) {
                rtp.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            rtp.close();
            rtcp.close();
            lease.close();
        }
    }
}

package org.audiostream.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The far ends of the N calls: one connected non-blocking UDP socket per call that sends a 172-byte
 * RTP packet every 20 ms, the calls spread over 20 sub-ticks 1 ms apart (like calls with random
 * phases), and counts the packets the design sends back (one selector poll per sub-tick).
 *
 * <p>Threads: one thread of its own, whose CPU time the benchmark subtracts from the process's;
 * the counters are published once per sub-tick through volatile fields (single writer).
 */
final class RtpLoadSender implements AutoCloseable {

    private static final int SUB_TICKS = 20;

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final Selector selector;
    private final ByteBuffer outgoing = ByteBuffer.allocateDirect(RtpIoDesign.PACKET_LENGTH);
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(2048);
    private final Thread thread = new Thread(this::run, "rtpio-load-sender");
    private volatile boolean sending = true;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile long received;

    /** Opens one socket per design address, connected to it. */
    RtpLoadSender(List<InetSocketAddress> targets) throws IOException {
        selector = Selector.open();
        for (InetSocketAddress target : targets) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(target);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            channels.add(channel);
        }
        outgoing.put(0, (byte) 0x80);
    }

    /** The sockets' own addresses, call by call: where the design sends. */
    List<InetSocketAddress> addresses() throws IOException {
        List<InetSocketAddress> addresses = new ArrayList<>(channels.size());
        for (DatagramChannel channel : channels) {
            addresses.add((InetSocketAddress) channel.getLocalAddress());
        }
        return addresses;
    }

    void start() {
        thread.start();
    }

    long threadId() {
        return thread.threadId();
    }

    private void run() {
        long deadline = System.nanoTime();
        long tx = 0;
        long rx = 0;
        int subTick = 0;
        int sequence = 0;
        while (running) {
            long now;
            while ((now = System.nanoTime()) < deadline) {
                LockSupport.parkNanos(deadline - now);
            }
            if (sending) {
                for (int i = subTick; i < channels.size(); i += SUB_TICKS) {
                    outgoing.clear();
                    outgoing.putShort(2, (short) sequence);
                    try {
                        tx += channels.get(i).write(outgoing) == RtpIoDesign.PACKET_LENGTH ? 1 : 0;
                    } catch (IOException e) {
                        // not sent: not counted
                    }
                }
            }
            rx += receiveReady();
            sent = tx;
            received = rx;
            deadline += RtpIoDesign.PERIOD_NANOS / SUB_TICKS;
            if (++subTick == SUB_TICKS) {
                subTick = 0;
                sequence++;
            }
        }
    }

    private int receiveReady() {
        int count = 0;
        try {
            selector.selectNow();
        } catch (IOException e) {
            return 0;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            DatagramChannel channel = (DatagramChannel) keys.next().channel();
            keys.remove();
            try {
                for (;;) {
                    incoming.clear();
                    if (channel.read(incoming) <= 0) {
                        break;
                    }
                    count++;
                }
            } catch (IOException e) {
                // nothing more from this socket now
            }
        }
        return count;
    }

    /** Stops sending; keeps receiving until {@link #close}. */
    void stopSending() {
        sending = false;
    }

    long sent() {
        return sent;
    }

    long received() {
        return received;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        thread.join();
        selector.close();
        for (DatagramChannel channel : channels) {
            channel.close();
        }
    }
}

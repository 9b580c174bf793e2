package org.audiostream.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.audiostream.call.rtp.RtpHeaderWriter;

/**
 * Design A, the product's: the clock thread owns every call's non-blocking {@link DatagramChannel}
 * and, per call and tick, drains it with one {@code receive} per datagram until it returns
 * {@code null} (as {@code RtpReceiver.drain}), then sends one packet with one {@code send} (as
 * {@code RtpSender}); no selector, no other thread.
 *
 * <p>Threads: the sockets and buffers are confined to the tick thread after {@link #start}.
 */
final class ShardDrainRtpIo extends RtpIoDesign {

    private final List<DatagramChannel> channels = new ArrayList<>();
    private ByteBuffer[] outgoing;
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(2048);
    private final byte[] payload = new byte[2048];
    private long checksum;

    ShardDrainRtpIo() {
        super("A shard drain");
    }

    @Override
    List<InetSocketAddress> bind(int n) throws IOException {
        List<InetSocketAddress> addresses = new ArrayList<>(n);
        outgoing = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
            channels.add(channel);
            addresses.add((InetSocketAddress) channel.getLocalAddress());
            outgoing[i] = ByteBuffer.allocateDirect(PACKET_LENGTH);
        }
        return addresses;
    }

    @Override
    long tick(int tickIndex) {
        long rx = 0;
        long tx = 0;
        for (int i = 0; i < peers.length; i++) {
            DatagramChannel channel = channels.get(i);
            rx += drain(channel);
            ByteBuffer packet = outgoing[i];
            RtpHeaderWriter.write(packet, 0, false, 0, tickIndex, tickIndex * 160, i);
            packet.clear();
            try {
                if (channel.send(packet, peers[i]) == PACKET_LENGTH) {
                    tx++;
                }
            } catch (IOException e) {
                // counted as loss by the load sender
            }
        }
        return rx | tx << 32;
    }

    private int drain(DatagramChannel channel) {
        int count = 0;
        for (;;) {
            incoming.clear();
            try {
                if (channel.receive(incoming) == null) {
                    return count;
                }
            } catch (IOException e) {
                return count;
            }
            incoming.get(12, payload, 0, incoming.position() - 12); // the payload copy RtpReceiver makes
            checksum += incoming.getShort(2);
            count++;
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel channel : channels) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return name() + " (checksum " + checksum + ")";
    }
}

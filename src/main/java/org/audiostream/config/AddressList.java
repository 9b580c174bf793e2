package org.audiostream.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list of IP addresses and CIDR blocks, such as {@code 127.0.0.0/8, ::1, 10.1.2.3}: who may send
 * per-call control ({@code sip.trusted_sources}). Only literals are accepted, never host names, so
 * deciding membership needs no DNS. {@code none} is the empty list. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) is matched as the IPv4 address it carries.
 *
 * <p>Threads: immutable.
 */
public record AddressList(List<Block> blocks) {

    public static final AddressList NONE = new AddressList(List.of());

    /** One CIDR block: the network's bytes and how many leading bits must match. */
    public record Block(byte[] network, int prefixBits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            String host = NetUtil.bytesToIpAddress(network);
            int all = network.length * 8;
            return prefixBits == all ? host : host + "/" + prefixBits;
        }
    }

    public AddressList {
        blocks = List.copyOf(blocks);
    }

    /**
     * Parses a comma- or space-separated list.
     *
     * @throws IllegalArgumentException naming the entry that is not an IP literal or CIDR block
     */
    public static AddressList parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("none") || t.isEmpty()) {
            return NONE;
        }
        List<Block> out = new ArrayList<>();
        for (String entry : t.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                out.add(block(entry));
            }
        }
        return new AddressList(out);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] network = NetUtil.createByteArrayFromIpAddressString(host);
        if (network == null) {
            throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR block (no host names)");
        }
        network = unmapped(network);
        int all = network.length * 8;
        int bits = all;
        if (slash >= 0) {
            String prefix = entry.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(prefix) > all) {
                throw new IllegalArgumentException("\"" + entry + "\": prefix length must be 0-" + all);
            }
            bits = Integer.parseInt(prefix);
        }
        return new Block(network, bits);
    }

    /** Whether {@code address} is in one of the blocks. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] raw = unmapped(address.getAddress());
        for (Block b : blocks) {
            if (b.contains(raw)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** {@code ::ffff:a.b.c.d} as the four bytes of {@code a.b.c.d}; anything else unchanged. */
    private static byte[] unmapped(byte[] raw) {
        if (raw.length != 16) {
            return raw;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return raw;
            }
        }
        if (raw[10] != (byte) 0xFF || raw[11] != (byte) 0xFF) {
            return raw;
        }
        return new byte[] {raw[12], raw[13], raw[14], raw[15]};
    }

    @Override
    public String toString() {
        if (blocks.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>(blocks.size());
        blocks.forEach(b -> parts.add(b.toString()));
        return String.join(", ", parts).toLowerCase(Locale.ROOT);
    }
}

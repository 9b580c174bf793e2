package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressListTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void matchesAddressesAndCidrBlocksOfBothFamilies() throws UnknownHostException {
        AddressList list = AddressList.parse("10.0.0.0/8, 192.0.2.7 2001:db8::/32,[::1]");
        assertThat(list.contains(ip("10.200.3.4"))).isTrue();
        assertThat(list.contains(ip("11.0.0.1"))).isFalse();
        assertThat(list.contains(ip("192.0.2.7"))).isTrue();
        assertThat(list.contains(ip("192.0.2.8"))).isFalse();
        assertThat(list.contains(ip("2001:db8:1::5"))).isTrue();
        assertThat(list.contains(ip("2001:db9::5"))).isFalse();
        assertThat(list.contains(ip("::1"))).isTrue();
        assertThat(list.contains(null)).isFalse();
        assertThat(list).hasToString("10.0.0.0/8, 192.0.2.7, 2001:db8::/32, ::1");
    }

    @Test
    void prefixesThatAreNotWholeBytesCompareOnlyTheirBits() throws UnknownHostException {
        AddressList list = AddressList.parse("172.16.0.0/12");
        assertThat(list.contains(ip("172.31.255.255"))).isTrue();
        assertThat(list.contains(ip("172.32.0.0"))).isFalse();
        assertThat(list.contains(ip("172.15.255.255"))).isFalse();
    }

    @Test
    void anIpv4MappedIpv6SourceMatchesItsIpv4Block() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        mapped[15] = 9;
        assertThat(AddressList.parse("10.0.0.0/8").contains(InetAddress.getByAddress(mapped))).isTrue();
    }

    @Test
    void noneTrustsNobodyAndHostNamesAreRefused() throws UnknownHostException {
        assertThat(AddressList.parse("none").contains(ip("127.0.0.1"))).isFalse();
        assertThatThrownBy(() -> AddressList.parse("10.0.0.0/8, pbx.example.com"))
                .hasMessageContaining("\"pbx.example.com\" is not an IP address or CIDR block");
        assertThatThrownBy(() -> AddressList.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0-32");
    }

    @Test
    void theDefaultTrustsOnlyLoopback() throws UnknownHostException {
        EffectiveConfig c = ConfigLoader.load(Schema.ALL, null, java.util.Map.of(), java.util.Map.of(), "test").orThrow();
        AddressList trusted = c.get(ServiceSettings.SIP_TRUSTED_SOURCES, AddressList.class);
        assertThat(trusted.contains(ip("127.0.0.1"))).isTrue();
        assertThat(trusted.contains(ip("::1"))).isTrue();
        assertThat(trusted.contains(ip("192.168.1.10"))).isFalse();
    }
}

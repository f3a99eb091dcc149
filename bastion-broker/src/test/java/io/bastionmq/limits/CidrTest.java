package io.bastionmq.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static InetAddress ip(String literal) {
        return Cidr.literal(literal);
    }

    @Test
    void ipv4BlockContainsItsAddressesOnly() {
        Cidr c = Cidr.parse("203.0.113.0/24");
        assertThat(c.contains(ip("203.0.113.0"))).isTrue();
        assertThat(c.contains(ip("203.0.113.255"))).isTrue();
        assertThat(c.contains(ip("203.0.114.0"))).isFalse();
        assertThat(c.contains(ip("203.0.112.255"))).isFalse();
    }

    @Test
    void prefixNotOnAByteBoundary() {
        Cidr c = Cidr.parse("10.0.0.0/12");
        assertThat(c.contains(ip("10.15.255.255"))).isTrue();
        assertThat(c.contains(ip("10.16.0.0"))).isFalse();
    }

    @Test
    void hostBitsAreClearedSoEqualBlocksAreEqual() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void ipv6Block() {
        Cidr c = Cidr.parse("2001:db8::/32");
        assertThat(c.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(c.contains(ip("2001:db9::1"))).isFalse();
        assertThat(c.contains(ip("203.0.113.1"))).as("an IPv4 peer is not in an IPv6 block").isFalse();
    }

    @Test
    void ipv4MappedIpv6PeerMatchesIpv4Block() throws Exception {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 203, 0, 113, 7};
        InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("203.0.113.0/24").contains(mapped)).isTrue();
        assertThat(Cidr.parse("203.0.114.0/24").contains(mapped)).isFalse();
    }

    @Test
    void singleAddressAndZeroPrefix() {
        assertThat(Cidr.parse("192.0.2.1").isSingleAddress()).isTrue();
        assertThat(Cidr.parse("192.0.2.1").contains(ip("192.0.2.2"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("198.51.100.9"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(ip("::1"))).isTrue();
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("example.com")).hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129")).hasMessageContaining("exceeds 128");
    }
}

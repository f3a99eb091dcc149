package io.bastionmq.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalNamesTest {
    @Test
    void aConcreteBindIsKeptAsItIs() {
        assertThat(LocalNames.expand(List.of("192.0.2.7", "::1"))).containsExactly("192.0.2.7", "::1");
    }

    @Test
    void aWildcardBindBecomesThisHostsNameAndItsNonLoopbackAddresses() throws Exception {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            Set<String> names = LocalNames.expand(List.of(wildcard));
            assertThat(names).doesNotContain(wildcard, "127.0.0.1");
            assertThat(names).contains(InetAddress.getLocalHost().getHostName());
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                nic.inetAddresses().filter(a -> !a.isLinkLocalAddress())
                        .forEach(a -> assertThat(names).contains(a.getHostAddress()));
            }
        }
    }
}

package io.bastionmq.transport.tls;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names a client may use to reach a listener bound to a wildcard address ({@code 0.0.0.0} or
 * {@code ::}): this host's name and the addresses of its interfaces that are up. The built-in CA
 * puts them in the server certificate, so a device on the network can verify the broker by any of
 * them (a certificate that names only 127.0.0.1 would make every remote device skip verification,
 * which defeats TLS). Link-local IPv6 addresses are left out: their zone makes them unusable as a
 * certificate name.
 */
final class LocalNames {
    private LocalNames() {}

    /** {@code binds} with every wildcard address replaced by this host's names and addresses. */
    static Set<String> expand(Collection<String> binds) {
        Set<String> names = new LinkedHashSet<>();
        for (String bind : binds) {
            if (isWildcard(bind)) {
                names.addAll(ofThisHost());
            } else {
                names.add(bind);
            }
        }
        return names;
    }

    static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("0:0:0:0:0:0:0:0");
    }

    private static Set<String> ofThisHost() {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // A host without a resolvable name: its addresses still go in.
        }
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                nic.inetAddresses()
                        .filter(a -> !a.isLinkLocalAddress() && !a.isLoopbackAddress())
                        .forEach(a -> names.add(a.getHostAddress()));
            }
        } catch (SocketException e) {
            // No interface list (a restricted sandbox): the host name and loopback names remain.
        }
        return names;
    }
}

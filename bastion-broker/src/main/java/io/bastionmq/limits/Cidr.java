package io.bastionmq.limits;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block: {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a single
 * address (a block of one). Only literals are accepted: a ban must never depend on DNS. An
 * IPv4-mapped IPv6 peer ({@code ::ffff:203.0.113.9}) matches IPv4 blocks, since that is what it is.
 *
 * @param network the first address of the block, host bits cleared
 * @param prefix  the number of leading bits that must match
 */
public record Cidr(InetAddress network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Parses {@code address} or {@code address/prefix}; throws {@link IllegalArgumentException} with a reason. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = literal(host);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + text + "': prefix length '" + p + "' is not a number");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': prefix length " + prefix + " exceeds " + bits);
            }
        }
        return new Cidr(masked(address, prefix), prefix);
    }

    /** An IP literal, never a host name. */
    public static InetAddress literal(String host) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not an IPv4 or IPv6 address (host names are not accepted)");
        }
        try {
            return InetAddress.getByName(host); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IP address");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = normalized(address).getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** Whether this is a single address rather than a block. */
    public boolean isSingleAddress() {
        return prefix == network.getAddress().length * 8;
    }

    @Override
    public String toString() {
        return isSingleAddress() ? network.getHostAddress() : network.getHostAddress() + "/" + prefix;
    }

    /** {@code ::ffff:a.b.c.d} as the IPv4 address it carries. */
    static InetAddress normalized(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) ((0xFF << (8 - keep)) & 0xFF);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

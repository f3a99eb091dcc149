package io.bastionmq.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One network endpoint the broker listens on. Nothing listens that the configuration does not name.
 *
 * <p>A listener with a {@link TlsConfig tls} block speaks MQTT over TLS; one without is plaintext.
 * The transport rules are (THREATS.md C9, C1):
 * <ul>
 *   <li>a plaintext listener on a non-loopback address needs {@code allow_plaintext: true}, an explicit
 *       acceptance that its traffic can be read and altered on the network (the broker also warns
 *       at every start, see {@link BrokerConfig#startupWarnings()});</li>
 *   <li>a non-loopback listener with {@code allow_anonymous: true} is refused outright: no flag
 *       makes an open broker on a network acceptable.</li>
 * </ul>
 *
 * @param name           unique label used in logs and metrics
 * @param transport      wire transport
 * @param bind           IP literal (or {@code localhost}) to bind; never a host name to resolve
 * @param port           0..65535; 0 lets the operating system pick a free port (tests)
 * @param path           HTTP path of the WebSocket endpoint; unused by TCP listeners
 * @param allowPlaintext accept unencrypted traffic on a non-loopback address
 * @param allowAnonymous accept clients that present no credentials (loopback only)
 * @param tls            TLS settings; null for a plaintext listener
 */
public record ListenerConfig(
        String name,
        Transport transport,
        String bind,
        int port,
        String path,
        boolean allowPlaintext,
        boolean allowAnonymous,
        @Nullable TlsConfig tls) {

    /** The wire transport of a listener. */
    public enum Transport {
        /** MQTT over a plain TCP connection. */
        TCP,
        /** MQTT over WebSocket (binary frames, subprotocol {@code mqtt}), at {@link ListenerConfig#path()}. */
        WEBSOCKET
    }

    public static final String BIND_DEFAULT = "127.0.0.1";
    /**
     * The bind of the default profile's TLS listener: every interface, so devices can reach the
     * broker over TLS out of the box while plaintext stays on loopback (THREATS.md C9, C22).
     */
    public static final String TLS_BIND_DEFAULT = "0.0.0.0";
    public static final int TCP_PORT_DEFAULT = 1883;
    public static final int WEBSOCKET_PORT_DEFAULT = 8083;
    public static final int TLS_PORT_DEFAULT = 8883;
    public static final int WSS_PORT_DEFAULT = 8084;
    public static final int PORT_MINIMUM = 0;
    public static final int PORT_MAXIMUM = 65_535;
    public static final String PATH_DEFAULT = "/mqtt";
    /** "Unset is not allowed": both default to false (Mosquitto 2.0). */
    public static final boolean ALLOW_PLAINTEXT_DEFAULT = false;
    public static final boolean ALLOW_ANONYMOUS_DEFAULT = false;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/-]*");

    public ListenerConfig {
        Bounds.present("name", name);
        Bounds.present("transport", transport);
        Bounds.present("bind", bind);
        Bounds.present("path", path);
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("name", "'" + name + "' is not a valid listener name",
                    "use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        if (!isIpLiteral(bind) && !bind.equalsIgnoreCase("localhost")) {
            throw new ConfigException("bind", "'" + bind + "' is not an IP address",
                    "bind an IP literal such as 127.0.0.1, ::1, 0.0.0.0 or the address of one interface;"
                            + " host names are not resolved");
        }
        Bounds.check("port", port, PORT_MINIMUM, PORT_MAXIMUM);
        if (!PATH.matcher(path).matches()) {
            throw new ConfigException("path", "'" + path + "' is not a valid WebSocket path",
                    "start with '/' and use URL path characters only, for example " + PATH_DEFAULT);
        }
        boolean loopback = isLoopback(bind);
        if (!loopback && allowAnonymous) {
            throw new ConfigException("allow_anonymous",
                    "anonymous access is refused on " + bind + ", a non-loopback address",
                    "anonymous clients are only allowed on a loopback listener (127.0.0.1, ::1); "
                            + "bind this listener to 127.0.0.1 or set allow_anonymous: false");
        }
        if (tls != null && allowPlaintext) {
            throw new ConfigException("allow_plaintext", "applies only to listeners without tls",
                    "remove it: a TLS listener carries no plaintext MQTT");
        }
        if (!loopback && !allowPlaintext && tls == null) {
            throw new ConfigException("allow_plaintext",
                    "listener on " + bind + " (a non-loopback address) would carry plaintext MQTT",
                    "add a tls block, bind it to 127.0.0.1, or set allow_plaintext: true to accept that anyone on the network can read and alter its traffic");
        }
    }

    /** A plaintext listener (no {@code tls} block). */
    public ListenerConfig(String name, Transport transport, String bind, int port, String path,
                          boolean allowPlaintext, boolean allowAnonymous) {
        this(name, transport, bind, port, path, allowPlaintext, allowAnonymous, null);
    }

    /** A loopback listener that accepts anonymous clients: the default and development profiles. */
    public static ListenerConfig loopbackAnonymous(String name, Transport transport, int port) {
        return new ListenerConfig(name, transport, BIND_DEFAULT, port, PATH_DEFAULT, ALLOW_PLAINTEXT_DEFAULT, true);
    }

    /** A loopback TLS listener that accepts anonymous clients as well as clients with a certificate. */
    public static ListenerConfig loopbackTls(String name, Transport transport, int port, TlsConfig tls) {
        return new ListenerConfig(name, transport, BIND_DEFAULT, port, PATH_DEFAULT, ALLOW_PLAINTEXT_DEFAULT, true, tls);
    }

    /** True if the listener speaks TLS. */
    public boolean isTls() {
        return tls != null;
    }

    /** True if {@link #bind()} is reachable only from this host: 127.0.0.0/8, ::1, or {@code localhost}. */
    public boolean isLoopback() {
        return isLoopback(bind);
    }

    /** {@code tcp://127.0.0.1:1883}, {@code mqtts://127.0.0.1:8883} or {@code wss://[::1]:8084/mqtt}, for logs. */
    public String uri() {
        return uri(port);
    }

    /** {@link #uri()} with the port actually bound, which differs when {@link #port()} is 0. */
    public String uri(int boundPort) {
        String host = bind.indexOf(':') >= 0 ? "[" + bind + "]" : bind;
        return switch (transport) {
            case TCP -> (tls == null ? "tcp://" : "mqtts://") + host + ":" + boundPort;
            case WEBSOCKET -> (tls == null ? "ws://" : "wss://") + host + ":" + boundPort + path;
        };
    }

    static boolean isLoopback(String bind) {
        if (bind.equalsIgnoreCase("localhost")) return true;
        if (!isIpLiteral(bind)) return false;
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * True for a dotted-quad IPv4 or an IPv6 literal. Only hex digits, ':' and '.' reach
     * {@link InetAddress#getByName}, which parses such strings as literals: no DNS lookup, ever.
     */
    private static boolean isIpLiteral(String bind) {
        if (IPV4.matcher(bind).matches()) return true;
        if (bind.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(bind).matches()) return false;
        try {
            return InetAddress.getByName(bind.toLowerCase(Locale.ROOT)) instanceof Inet6Address
                    || bind.toLowerCase(Locale.ROOT).startsWith("::ffff:");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

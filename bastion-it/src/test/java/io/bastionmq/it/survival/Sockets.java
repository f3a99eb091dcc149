package io.bastionmq.it.survival;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

/** Plain TCP sockets from chosen loopback source addresses, and the MQTT framing the suite reads. */
final class Sockets {
    private Sockets() {}

    /**
     * Source address number {@code n} in 127.0.0.0/8, starting at 127.0.1.0 so that the reference
     * client (127.0.0.1) never shares an address with an attacker. Linux routes all of 127/8 to lo.
     */
    static InetAddress source(int n) {
        int host = 256 + n;
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) (host >> 16), (byte) (host >> 8), (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A socket from {@code from} to 127.0.0.1:port, TCP_NODELAY, connect bounded to {@code timeoutMillis}. */
    static Socket open(InetAddress from, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is best effort; the broker process is killed at the end anyway.
        }
    }

    /** One MQTT packet: the first byte and the body after the Remaining Length. */
    record Packet(int header, byte[] body) {
        int type() {
            return header >> 4;
        }
    }

    /** Reads one whole packet; {@link EOFException} if the stream ends first. */
    static Packet read(InputStream in) throws IOException {
        int header = in.read();
        if (header < 0) {
            throw new EOFException("closed");
        }
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed inside the remaining length");
            }
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift >= 21) {
                throw new IOException("malformed remaining length");
            }
        }
        return new Packet(header, in.readNBytes(length));
    }

    /** Reads packets until one of the given type, or throws on close. */
    static Packet await(InputStream in, int type) {
        try {
            while (true) {
                Packet p = read(in);
                if (p.type() == type) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("while waiting for packet type " + type, e);
        }
    }
}

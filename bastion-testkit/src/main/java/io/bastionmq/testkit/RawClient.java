package io.bastionmq.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A blocking, byte-level MQTT client for black-box tests, in the spirit of Moquette's
 * {@code RawClient} and Mosquitto's {@code mosq_test}. It sends whatever bytes it is given and
 * reads packets by the fixed header alone, so it never disagrees with the broker because of a
 * shared codec.
 *
 * <pre>{@code
 * try (RawClient client = RawClient.connect("127.0.0.1", port)) {
 *     client.send(Packets.connect311("a", true, 60)).expectConnAck(0x00);
 *     client.send("30 03 00 01 2b").expectClosed();   // '+' in a topic name [MQTT-3.3.2-2]
 * }
 * }</pre>
 *
 * <p>Every wait is bounded by the read timeout (5 s unless {@link #withTimeout} says otherwise).
 * Failed expectations throw {@link AssertionError} with the packet in hex; socket errors while
 * sending throw {@link UncheckedIOException}. Not thread-safe: one test thread drives it.
 */
public final class RawClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Packets read while waiting for something else ({@link #isClosed}); served first. */
    private final Deque<RawPacket> pending = new ArrayDeque<>();
    /** Bytes of a packet cut short by a timeout, read again first so that the stream stays aligned. */
    private byte[] replay = new byte[0];
    private int replayed;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean peerClosed;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection; the connect itself is bounded by {@link #DEFAULT_TIMEOUT}. */
    public static RawClient connect(String host, int port) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) DEFAULT_TIMEOUT.toMillis());
            return new RawClient(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** Bounds every later wait: {@link #readPacket} and each {@code expect…}. */
    public RawClient withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    // ---- Sending --------------------------------------------------------------------------------

    /** Sends hex such as {@code "c0 00"}; spaces are optional. */
    public RawClient send(String hex) {
        return send(Hex.parse(hex));
    }

    public RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("send failed: " + Hex.format(bytes), e);
        }
    }

    /** Sends one byte at a time with a pause after each, as a slowloris client would. */
    public RawClient sendSlowly(byte[] bytes, Duration perByte) {
        for (int i = 0; i < bytes.length; i++) {
            try {
                out.write(bytes[i]);
                out.flush();
                Thread.sleep(perByte);
            } catch (IOException e) {
                throw new UncheckedIOException("send failed after " + i + " of " + bytes.length + " bytes", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending slowly", e);
            }
        }
        return this;
    }

    // ---- Receiving ------------------------------------------------------------------------------

    /** The next packet, waiting up to the timeout; fails if the connection closes or time runs out. */
    public RawPacket readPacket() {
        RawPacket packet;
        try {
            packet = next(deadline(timeout));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no packet received within " + timeout.toMillis() + " ms" + partial(e), e);
        }
        if (packet == null) {
            throw new AssertionError("connection closed by the server while waiting for a packet");
        }
        return packet;
    }

    /** Reads the next packet and fails unless it has the given {@link PacketType}. */
    public RawPacket expect(int type) {
        RawPacket packet = readPacket();
        if (packet.type() != type) {
            throw new AssertionError("expected " + PacketType.name(type) + " but received " + packet);
        }
        return packet;
    }

    /** A CONNACK whose 3.1.1 return code or MQTT 5 reason code is the given one. */
    public RawPacket expectConnAck(int returnOrReasonCode) {
        RawPacket connack = expect(PacketType.CONNACK);
        if (connack.connackReturnCode() != returnOrReasonCode) {
            throw new AssertionError("expected CONNACK with code " + hexByte(returnOrReasonCode)
                    + " but got " + hexByte(connack.connackReturnCode()) + ": " + connack.hex());
        }
        return connack;
    }

    /**
     * MQTT 5: a DISCONNECT with the given reason code (0x00 when its remaining length is 0),
     * and then the server closes the connection [MQTT-3.14.4-1].
     */
    public RawPacket expectDisconnect(int reason) {
        RawPacket disconnect = expect(PacketType.DISCONNECT);
        if (disconnect.reasonCode() != reason) {
            throw new AssertionError("expected DISCONNECT with reason " + hexByte(reason)
                    + " but got " + hexByte(disconnect.reasonCode()) + ": " + disconnect.hex());
        }
        expectClosed();
        return disconnect;
    }

    /**
     * The server closes the connection (end of stream or reset) within the timeout. Fails, showing
     * the packet, if a packet arrives first.
     */
    public void expectClosed() {
        RawPacket packet;
        try {
            packet = next(deadline(timeout));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected the server to close the connection within "
                    + timeout.toMillis() + " ms, but it stayed open" + partial(e), e);
        }
        if (packet != null) {
            throw new AssertionError("expected the server to close the connection but received " + packet);
        }
    }

    /**
     * Whether the server closes the connection within the given time. Packets that arrive
     * meanwhile are kept and returned, in order, by the next reads.
     */
    public boolean isClosed(Duration within) {
        long deadline = deadline(within);
        Deque<RawPacket> seen = new ArrayDeque<>(pending);
        pending.clear();
        try {
            while (true) {
                RawPacket packet = next(deadline);
                if (packet == null) {
                    return true;
                }
                seen.add(packet);
            }
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            pending.addAll(seen);
        }
    }

    /** Fails if any packet arrives, or the connection closes, within the given time. */
    public RawClient assertNothingReceived(Duration within) {
        RawPacket packet;
        try {
            packet = next(deadline(within));
        } catch (SocketTimeoutException e) {
            if (partial(e).isEmpty()) {
                return this;
            }
            throw new AssertionError("expected nothing within " + within.toMillis() + " ms, but received"
                    + partial(e), e);
        }
        throw new AssertionError(packet == null
                ? "expected nothing within " + within.toMillis() + " ms, but the server closed the connection"
                : "expected nothing within " + within.toMillis() + " ms, but received " + packet);
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    /**
     * The next packet, or {@code null} once the server has closed the connection. On timeout the
     * exception's message holds the bytes of any partial packet ({@link #partial}).
     */
    private @Nullable RawPacket next(long deadline) throws SocketTimeoutException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (peerClosed) {
            return null;
        }
        if (socket.isClosed()) {
            throw new IllegalStateException("this client was closed");
        }
        ByteArrayOutputStream soFar = new ByteArrayOutputStream(5);
        try {
            int first = read(deadline);
            if (first < 0) {
                peerClosed = true;
                return null;
            }
            soFar.write(first);
            // Remaining Length: a Variable Byte Integer of at most four bytes (MQTT 5 1.5.5, 2.1.4).
            int remaining = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift == 28) {
                    throw new AssertionError("malformed remaining length: " + Hex.format(soFar.toByteArray()));
                }
                int digit = readOrTruncated(deadline, soFar);
                soFar.write(digit);
                remaining |= (digit & 0x7f) << shift;
                if ((digit & 0x80) == 0) {
                    break;
                }
            }
            byte[] body = new byte[remaining];
            for (int i = 0; i < remaining; i++) {
                body[i] = (byte) readOrTruncated(deadline, soFar);
                soFar.write(body[i]);
            }
            return new RawPacket(first >> 4, first & 0x0f, body);
        } catch (SocketTimeoutException e) {
            replay = soFar.toByteArray();
            replayed = 0;
            throw new SocketTimeoutException(soFar.size() == 0 ? "" : Hex.format(replay));
        } catch (SocketException e) {
            // A reset is the server closing too, only less politely.
            peerClosed = true;
            if (soFar.size() > 0) {
                throw new AssertionError("connection reset mid-packet after " + Hex.format(soFar.toByteArray()), e);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String partial(SocketTimeoutException e) {
        String bytes = e.getMessage();
        return bytes == null || bytes.isEmpty() ? "" : " (partial packet: " + bytes + ")";
    }

    private int readOrTruncated(long deadline, ByteArrayOutputStream soFar) throws IOException {
        int b = read(deadline);
        if (b < 0) {
            peerClosed = true;
            throw new AssertionError("connection closed mid-packet after " + Hex.format(soFar.toByteArray()));
        }
        return b;
    }

    private int read(long deadline) throws IOException {
        if (replayed < replay.length) {
            return replay[replayed++] & 0xff;
        }
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0 && in.available() == 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis)));
        return in.read();
    }

    private static long deadline(Duration within) {
        return System.nanoTime() + within.toNanos();
    }

    private static String hexByte(int value) {
        return String.format("0x%02x", value);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a test socket: nothing useful to do with the failure.
        }
    }
}
